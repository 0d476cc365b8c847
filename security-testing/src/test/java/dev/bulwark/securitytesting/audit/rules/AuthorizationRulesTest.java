package dev.bulwark.securitytesting.audit.rules;

import static dev.bulwark.securitytesting.audit.rules.RuleTesting.HEADER;
import static dev.bulwark.securitytesting.audit.rules.RuleTesting.locations;
import static dev.bulwark.securitytesting.audit.rules.RuleTesting.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** API1 and API5: objects addressed by id, functions that change state. */
class AuthorizationRulesTest {

    private static final String OPEN_USERS = HEADER + """
            paths:
              /users/{userId}:
                parameters:
                  - {name: userId, in: path, required: true, schema: {type: integer, format: int64}}
                get:
                  responses: {'200': {description: ok}}
                delete:
                  responses: {'204': {description: deleted}}
              /status:
                get:
                  responses: {'200': {description: ok}}
            """;

    private static final String SECURED_USERS = HEADER + """
            security: [{oauth: [users]}]
            paths:
              /users/{userId}:
                parameters:
                  - {name: userId, in: path, required: true, schema: {type: string, format: uuid}}
                get:
                  responses: {'200': {description: ok}}
                delete:
                  responses: {'204': {description: deleted}}
            components:
              securitySchemes:
                oauth:
                  type: oauth2
                  flows:
                    clientCredentials: {tokenUrl: 'https://id.example.com/token', scopes: {users: users}}
            """;

    @Nested
    class UnprotectedObjectId {

        @Test
        void readIsHighAndDeleteIsCritical() {
            List<Finding> findings = run(new UnprotectedObjectIdRule(), OPEN_USERS);

            assertThat(findings)
                    .extracting(f -> f.location().toString(), Finding::severity)
                    .containsExactly(
                            tuple("/paths/~1users~1{userId}/get", Severity.HIGH),
                            tuple("/paths/~1users~1{userId}/delete", Severity.CRITICAL));
            assertThat(findings).allSatisfy(f -> {
                assertThat(f.owaspCategory()).isEqualTo(OwaspApiTop10.API1);
                assertThat(f.message()).contains("[userId]");
            });
        }

        @Test
        void silentWhenCallerIsAuthenticated() {
            assertThat(run(new UnprotectedObjectIdRule(), SECURED_USERS)).isEmpty();
        }
    }

    @Nested
    class SequentialObjectId {

        @Test
        void integerIdIsReportedOnceAtItsSharedDeclaration() {
            List<Finding> findings = run(new SequentialObjectIdRule(), OPEN_USERS);

            // Both operations share the path-level parameter; the auditor's de-duplication relies on
            // the rule producing identical findings for it.
            assertThat(findings).hasSize(2).containsOnly(findings.getFirst());
            assertThat(findings.getFirst().location()).hasToString("/paths/~1users~1{userId}/parameters/0");
        }

        @Test
        void referencedParameterIsLocatedInComponents() {
            String viaRef = HEADER + """
                    paths:
                      /orders/{orderId}:
                        get:
                          parameters: [{$ref: '#/components/parameters/OrderId'}]
                          responses: {'200': {description: ok}}
                    components:
                      parameters:
                        OrderId: {name: orderId, in: path, required: true, schema: {type: integer}}
                    """;

            assertThat(locations(run(new SequentialObjectIdRule(), viaRef)))
                    .containsExactly("/components/parameters/OrderId");
        }

        @Test
        void silentForUuids() {
            assertThat(run(new SequentialObjectIdRule(), SECURED_USERS)).isEmpty();
        }
    }

    @Nested
    class WriteWithoutSecurity {

        @Test
        void firesOnAnonymousDeleteOnly() {
            assertThat(run(new WriteWithoutSecurityRule(), OPEN_USERS)).singleElement().satisfies(f -> {
                assertThat(f.location()).hasToString("/paths/~1users~1{userId}/delete");
                assertThat(f.owaspCategory()).isEqualTo(OwaspApiTop10.API5);
                assertThat(f.message()).startsWith("DELETE /users/{userId} changes state");
            });
        }

        @Test
        void silentWhenSecured() {
            assertThat(run(new WriteWithoutSecurityRule(), SECURED_USERS)).isEmpty();
        }
    }
}
