package dev.bulwark.securitytesting.audit.rules;

import static dev.bulwark.securitytesting.audit.rules.RuleTesting.HEADER;
import static dev.bulwark.securitytesting.audit.rules.RuleTesting.locations;
import static dev.bulwark.securitytesting.audit.rules.RuleTesting.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** API9 (inventory) and API10 (consuming other APIs through callbacks). */
class InventoryRulesTest {

    private static final String BARE = """
            openapi: 3.0.3
            info: {title: Bare}
            paths:
              /v1/items:
                get:
                  deprecated: true
                  responses: {'200': {description: ok}}
            """;

    @Nested
    class DeprecatedOperation {

        @Test
        void firesOnDeprecatedOperation() {
            assertThat(run(new DeprecatedOperationRule(), BARE)).singleElement().satisfies(f -> {
                assertThat(f.location()).hasToString("/paths/~1v1~1items/get/deprecated");
                assertThat(f.owaspCategory()).isEqualTo(OwaspApiTop10.API9);
            });
        }

        @Test
        void silentOnceRetired() {
            assertThat(run(new DeprecatedOperationRule(), BARE.replace("deprecated: true", "deprecated: false")))
                    .isEmpty();
        }
    }

    @Nested
    class MissingApiVersion {

        @Test
        void firesWithoutVersion() {
            assertThat(locations(run(new MissingApiVersionRule(), BARE))).containsExactly("/info/version");
        }

        @Test
        void silentWithVersion() {
            assertThat(run(new MissingApiVersionRule(), BARE.replace("{title: Bare}", "{title: Bare, version: '2'}")))
                    .isEmpty();
        }
    }

    @Nested
    class MissingServers {

        @Test
        void firesEvenThoughTheParserAddsADefaultServer() {
            assertThat(RuleTesting.parse(BARE).openApi().getServers()).isNotEmpty();

            assertThat(locations(run(new MissingServersRule(), BARE))).containsExactly("/servers");
        }

        @Test
        void silentWithServers() {
            assertThat(run(new MissingServersRule(), HEADER + "paths: {}\n")).isEmpty();
        }
    }

    @Nested
    class InvalidDocument {

        @Test
        void reportsParserMessages() {
            assertThat(run(new InvalidDocumentRule(), BARE)).singleElement().satisfies(f -> {
                assertThat(f.message()).isEqualTo("OpenAPI parser: attribute info.version is missing");
                assertThat(f.location().isRoot()).isTrue();
            });
        }

        @Test
        void silentOnValidDocument() {
            assertThat(run(new InvalidDocumentRule(), HEADER + "paths: {}\n")).isEmpty();
        }
    }

    @Nested
    class UnsafeCallback {

        private static final String CALLBACKS = HEADER + """
                paths:
                  /subscriptions:
                    post:
                      callbacks:
                        event:
                          'http://{$request.body#/host}/events':
                            post:
                              responses:
                                '200':
                                  description: ack
                                  content:
                                    application/json: {}
                      responses: {'201': {description: ok}}
                """;

        @Test
        void firesOnPlainHttpDeliveryAndUntypedAnswer() {
            assertThat(run(new UnsafeCallbackRule(), CALLBACKS))
                    .extracting(f -> f.location().toString())
                    .containsExactly(
                            "/paths/~1subscriptions/post/callbacks/event/http:~1~1{$request.body#~1host}~1events",
                            "/paths/~1subscriptions/post/callbacks/event/http:~1~1{$request.body#~1host}~1events"
                                    + "/post/responses/200/content/application~1json");
            assertThat(run(new UnsafeCallbackRule(), CALLBACKS)).allMatch(f -> f.owaspCategory() == OwaspApiTop10.API10);
        }

        @Test
        void silentOverHttpsWithTypedAnswer() {
            String fixed = CALLBACKS.replace("'http://", "'https://")
                    .replace("application/json: {}", "application/json: {schema: {type: object, properties: {}}}");

            assertThat(run(new UnsafeCallbackRule(), fixed)).isEmpty();
        }
    }
}
