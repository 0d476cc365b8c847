package dev.bulwark.securitytesting.audit.rules;

import static dev.bulwark.securitytesting.audit.rules.RuleTesting.HEADER;
import static dev.bulwark.securitytesting.audit.rules.RuleTesting.locations;
import static dev.bulwark.securitytesting.audit.rules.RuleTesting.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.Severity;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** API3: which properties go in (mass assignment) and come out (excessive exposure). */
class PropertyLevelRulesTest {

    @Nested
    class MassAssignment {

        private static final String OPEN_BODY = HEADER + """
                paths:
                  /users:
                    post:
                      requestBody:
                        content:
                          application/json:
                            schema: {$ref: '#/components/schemas/NewUser'}
                      responses: {'201': {description: created}}
                    get:
                      responses: {'200': {description: ok}}
                components:
                  schemas:
                    NewUser:
                      type: object
                      additionalProperties: false
                      properties:
                        name: {type: string}
                        address: {type: object, properties: {city: {type: string}}}
                        labels:
                          type: object
                          additionalProperties: {type: string}
                """;

        @Test
        void firesOnNestedObjectLeftOpenButNotOnTypedDictionary() {
            assertThat(locations(run(new MassAssignmentRule(), OPEN_BODY)))
                    .containsExactly("/components/schemas/NewUser/properties/address");
        }

        @Test
        void firesOnExplicitlyOpenRoot() {
            String open = OPEN_BODY.replace("additionalProperties: false", "additionalProperties: true");

            assertThat(locations(run(new MassAssignmentRule(), open)))
                    .containsExactly("/components/schemas/NewUser", "/components/schemas/NewUser/properties/address");
        }

        @Test
        void silentWhenEveryObjectIsClosed() {
            String closed = OPEN_BODY.replace("address: {type: object,",
                    "address: {type: object, additionalProperties: false,");

            assertThat(run(new MassAssignmentRule(), closed)).isEmpty();
        }

        @Test
        void acceptsUnevaluatedPropertiesOnComposedSchemaIn31() {
            String composed = """
                    openapi: 3.1.0
                    info: {title: t, version: '1'}
                    paths:
                      /pets:
                        put:
                          requestBody:
                            content:
                              application/json:
                                schema:
                                  allOf:
                                    - {type: object, properties: {name: {type: string}}}
                                    - {type: object, properties: {tag: {type: string}}}
                                  unevaluatedProperties: false
                          responses: {'204': {description: ok}}
                    """;

            assertThat(run(new MassAssignmentRule(), composed)).isEmpty();
            assertThat(locations(run(new MassAssignmentRule(), composed.replace("unevaluatedProperties: false", ""))))
                    .containsExactly("/paths/~1pets/put/requestBody/content/application~1json/schema");
        }
    }

    @Nested
    class ResponseWithoutSchema {

        private static final String NO_SCHEMA = HEADER + """
                paths:
                  /invoices:
                    get:
                      responses:
                        '200':
                          description: ok
                          content:
                            application/json: {}
                            application/pdf: {}
                        '404':
                          description: none
                          content:
                            application/json: {}
                """;

        @Test
        void firesOnSuccessfulJsonWithoutSchemaOnly() {
            assertThat(run(new ResponseWithoutSchemaRule(), NO_SCHEMA)).singleElement().satisfies(f -> {
                assertThat(f.location()).hasToString("/paths/~1invoices/get/responses/200/content/application~1json");
                assertThat(f.message()).contains("200").contains("application/json");
            });
        }

        @Test
        void silentWithSchema() {
            String fixed = NO_SCHEMA.replaceFirst("application/json: \\{}",
                    "application/json: {schema: {type: array, items: {type: string}}}");

            assertThat(run(new ResponseWithoutSchemaRule(), fixed)).isEmpty();
        }
    }

    @Nested
    class OpenResponseSchema {

        private static final String OPEN = HEADER + """
                paths:
                  /accounts:
                    get:
                      responses:
                        '200':
                          description: ok
                          content:
                            application/json:
                              schema:
                                type: object
                                additionalProperties: true
                                properties:
                                  id: {type: string}
                                  settings: {type: object}
                """;

        @Test
        void firesOnExplicitTrueAndOnFreeFormObject() {
            assertThat(run(new OpenResponseSchemaRule(), OPEN))
                    .extracting(f -> f.location().toString())
                    .containsExactly(
                            "/paths/~1accounts/get/responses/200/content/application~1json/schema",
                            "/paths/~1accounts/get/responses/200/content/application~1json/schema/properties/settings");
        }

        @Test
        void silentWhenPropertiesAreListed() {
            String fixed = OPEN.replace("additionalProperties: true", "additionalProperties: false")
                    .replace("settings: {type: object}", "settings: {type: object, properties: {theme: {type: string}}}");

            assertThat(run(new OpenResponseSchemaRule(), fixed)).isEmpty();
        }
    }

    @Nested
    class SensitiveDataInResponse {

        private static final String LEAKY = HEADER + """
                paths:
                  /users/me:
                    get:
                      responses:
                        '200':
                          description: ok
                          content:
                            application/json:
                              schema: {$ref: '#/components/schemas/User'}
                components:
                  schemas:
                    User:
                      type: object
                      properties:
                        name: {type: string}
                        password: {type: string}
                        credit_card_number: {type: string}
                        accessToken: {type: string}
                        passwordChangedAt: {type: string, format: date-time}
                """;

        @Test
        void secretsAreHighCredentialsMediumMetadataIgnored() {
            assertThat(run(new SensitiveDataInResponseRule(), LEAKY))
                    .extracting(f -> f.location().toString(), Finding::severity)
                    .containsExactly(
                            tuple("/components/schemas/User/properties/password", Severity.HIGH),
                            tuple("/components/schemas/User/properties/credit_card_number", Severity.HIGH),
                            tuple("/components/schemas/User/properties/accessToken", Severity.MEDIUM));
        }

        @Test
        void silentWhenSecretsAreRemovedOrWriteOnly() {
            String fixed = LEAKY.replace("password: {type: string}", "password: {type: string, writeOnly: true}")
                    .replaceAll("(?m)^ *(credit_card_number|accessToken):.*\n", "");

            assertThat(run(new SensitiveDataInResponseRule(), fixed)).isEmpty();
        }
    }
}
