package dev.bulwark.securitytesting.audit.rules;

import static dev.bulwark.securitytesting.audit.rules.RuleTesting.HEADER;
import static dev.bulwark.securitytesting.audit.rules.RuleTesting.locations;
import static dev.bulwark.securitytesting.audit.rules.RuleTesting.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.Severity;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Security rules with a counterpart in Spectral's OWASP ruleset, plus webhooks. */
class SpectralParityRulesTest {

    @Nested
    class CredentialsInUrl {

        @Test
        void credentialsButNotPaginationTokens() {
            String api = HEADER + """
                    paths:
                      /items/{access_token}:
                        get:
                          parameters:
                            - {name: access_token, in: path, required: true, schema: {type: string}}
                            - {name: api_key, in: query, schema: {type: string}}
                            - {name: page_token, in: query, schema: {type: string}}
                            - {name: nextPageToken, in: query, schema: {type: string}}
                            - {name: X-Api-Key, in: header, schema: {type: string}}
                          responses: {'200': {description: ok}}
                    """;

            assertThat(run(new CredentialsInUrlRule(), api)).extracting(Finding::message).containsExactly(
                    "Parameter 'access_token' (path) carries a credential in the URL.",
                    "Parameter 'api_key' (query) carries a credential in the URL.");
        }
    }

    @Nested
    class CorsWildcardOrigin {

        private static final String CORS = HEADER + """
                paths:
                  /public:
                    get:
                      responses:
                        '200':
                          description: ok
                          headers:
                            Access-Control-Allow-Origin: {schema: {type: string, enum: ['*']}}
                  /me:
                    get:
                      security: [{key: []}]
                      responses:
                        '200':
                          description: ok
                          headers:
                            access-control-allow-origin: {schema: {type: string, default: '*'}}
                  /partner:
                    get:
                      responses:
                        '200':
                          description: ok
                          headers:
                            Access-Control-Allow-Origin: {schema: {type: string, enum: ['https://partner.example']}}
                components:
                  securitySchemes:
                    key: {type: apiKey, in: header, name: X-Api-Key}
                """;

        @Test
        void wildcardIsMediumAndHighOnCredentialedResponses() {
            assertThat(run(new CorsWildcardOriginRule(), CORS)).extracting(Finding::location, Finding::severity)
                    .extracting(t -> t.toList().get(0).toString() + " " + t.toList().get(1))
                    .containsExactly(
                            "/paths/~1public/get/responses/200/headers/Access-Control-Allow-Origin MEDIUM",
                            "/paths/~1me/get/responses/200/headers/access-control-allow-origin HIGH");
        }
    }

    @Nested
    class AdminSecurity {

        private static final String ADMIN = HEADER + """
                security: [{oauth: [orders]}]
                paths:
                  /orders: {get: {responses: {'200': {description: ok}}}}
                  /admin/orders: {delete: {responses: {'204': {description: ok}}}}
                  /admin/users:
                    get:
                      security: [{oauth: [admin]}]
                      responses: {'200': {description: ok}}
                components:
                  securitySchemes:
                    oauth:
                      type: oauth2
                      flows:
                        clientCredentials:
                          tokenUrl: 'https://id.example.com/token'
                          scopes: {orders: orders, admin: admin}
                """;

        @Test
        void adminOperationsWithOrdinaryCredentialsAreReported() {
            assertThat(locations(run(new AdminSecurityRule(), ADMIN))).containsExactly("/paths/~1admin~1orders/delete");
        }
    }

    @Nested
    class TokenBestPractices {

        @Test
        void noRefreshUrlAndUndocumentedJwtProfile() {
            String api = HEADER + """
                    components:
                      securitySchemes:
                        oauth:
                          type: oauth2
                          flows:
                            authorizationCode:
                              authorizationUrl: 'https://id.example.com/authorize'
                              tokenUrl: 'https://id.example.com/token'
                              scopes: {}
                        jwt: {type: http, scheme: bearer, bearerFormat: JWT}
                        documented:
                          type: http
                          scheme: bearer
                          bearerFormat: JWT
                          description: ES256 tokens checked as RFC 8725 advises, 5 minutes lifetime.
                    """;

            assertThat(locations(run(new TokenBestPracticesRule(), api))).containsExactly(
                    "/components/securitySchemes/oauth/flows/authorizationCode",
                    "/components/securitySchemes/jwt");
        }
    }

    @Nested
    class RateLimitHeaders {

        @Test
        void a429WithoutRetryAfterAndSuccessWithoutRateLimitHeaders() {
            String api = HEADER + """
                    paths:
                      /a:
                        get:
                          responses:
                            '200': {description: ok}
                            '429': {description: slow down}
                      /b:
                        get:
                          responses:
                            '200':
                              description: ok
                              headers: {X-RateLimit-Remaining: {schema: {type: integer}}}
                            '429':
                              description: slow down
                              headers: {Retry-After: {schema: {type: integer}}}
                      /c:
                        get:
                          responses: {'200': {description: ok}}
                    """;

            assertThat(locations(run(new RateLimitHeadersRule(), api))).containsExactly(
                    "/paths/~1a/get/responses/429", "/paths/~1a/get/responses");
            assertThat(run(new RateLimitHeadersRule(), api, "rate-limit")).isEmpty();
        }
    }

    @Nested
    class Webhooks {

        private static final String HOOKS = """
                openapi: 3.1.0
                info: {title: Hooks, version: '1'}
                webhooks:
                  orderPaid:
                    post:
                      requestBody:
                        content:
                          application/json:
                            schema:
                              type: object
                              properties:
                                password: {type: string}
                      responses:
                        '200':
                          description: ok
                          content:
                            application/json: {}
                  signed:
                    post:
                      parameters:
                        - {name: X-Hub-Signature-256, in: header, required: true, schema: {type: string}}
                      requestBody:
                        content:
                          application/json: {}
                      responses: {'204': {description: ok}}
                """;

        @Test
        void unsignedWebhooksAndUntypedAnswersAreUnsafe() {
            assertThat(run(new UnsafeCallbackRule(), HOOKS)).extracting(Finding::location, Finding::severity)
                    .extracting(t -> t.toList().get(0).toString() + " " + t.toList().get(1))
                    .containsExactlyInAnyOrder(
                            "/webhooks/orderPaid/post/responses/200/content/application~1json LOW",
                            "/webhooks/orderPaid/post MEDIUM");
        }

        @Test
        void webhookPayloadsAreOutgoingData() {
            assertThat(run(new SensitiveDataInResponseRule(), HOOKS)).singleElement().satisfies(f -> {
                assertThat(f.message()).contains("'password'");
                assertThat(f.operations()).containsExactly("webhook orderPaid (POST)");
                assertThat(f.severity()).isEqualTo(Severity.HIGH);
            });
            assertThat(locations(run(new ResponseWithoutSchemaRule(), HOOKS)))
                    .containsExactly("/webhooks/signed/post/requestBody/content/application~1json");
        }
    }
}
