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

/** API7 and API8: server-side requests, transport, error contract. */
class TransportAndSsrfRulesTest {

    @Nested
    class InsecureTransport {

        private static final String PLAIN = """
                openapi: 3.0.3
                info: {title: t, version: '1'}
                servers:
                  - url: 'http://api.example.com/v1'
                  - url: 'http://localhost:8080'
                  - url: '{scheme}://eu.example.com'
                    variables:
                      scheme: {default: https, enum: [https, http]}
                paths: {}
                components:
                  securitySchemes:
                    oidc: {type: openIdConnect, openIdConnectUrl: 'http://id.example.com/.well-known/openid-configuration'}
                """;

        @Test
        void firesOnPlainServersVariableExpansionsAndIdentityUrls() {
            assertThat(run(new InsecureTransportRule(), PLAIN))
                    .extracting(f -> f.location().toString(), Finding::severity)
                    .containsExactly(
                            tuple("/servers/0/url", Severity.HIGH),
                            tuple("/servers/1/url", Severity.LOW),
                            tuple("/servers/2/url", Severity.HIGH),
                            tuple("/components/securitySchemes/oidc/openIdConnectUrl", Severity.HIGH));
        }

        @Test
        void silentWhenEverythingIsHttps() {
            String fixed = PLAIN.replace("http://", "https://").replace("enum: [https, http]", "enum: [https]");

            assertThat(run(new InsecureTransportRule(), fixed)).isEmpty();
        }

        @Test
        void relativeServerIsNotReported() {
            assertThat(run(new InsecureTransportRule(), "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n"
                    + "servers: [{url: /api}]\npaths: {}\n")).isEmpty();
        }
    }

    @Nested
    class UrlInput {

        private static final String FETCHES = HEADER + """
                paths:
                  /previews:
                    post:
                      parameters:
                        - {name: redirect_uri, in: query, schema: {type: string}}
                      requestBody:
                        content:
                          application/json:
                            schema:
                              type: object
                              properties:
                                target: {type: string, format: uri}
                                webhookAddress: {type: string}
                                title: {type: string}
                      callbacks:
                        done:
                          '{$request.body#/webhookAddress}':
                            post:
                              responses: {'200': {description: ok}}
                      responses: {'201': {description: ok}}
                """;

        @Test
        void firesOnUrlFormatUrlNamesAndCallbacks() {
            assertThat(locations(run(new UrlInputRule(), FETCHES))).containsExactly(
                    "/paths/~1previews/post/parameters/0",
                    "/paths/~1previews/post/callbacks",
                    "/paths/~1previews/post/requestBody/content/application~1json/schema/properties/target",
                    "/paths/~1previews/post/requestBody/content/application~1json/schema/properties/webhookAddress");
        }

        @Test
        void aJsonpCallbackIsAFunctionNameNotAUrl() {
            String jsonp = HEADER + """
                    paths:
                      /feed:
                        get:
                          parameters:
                            - {name: callback, in: query, schema: {type: string}}
                            - {name: callback_url, in: query, schema: {type: string}}
                          responses: {'200': {description: ok}}
                    """;

            assertThat(run(new UrlInputRule(), jsonp)).extracting(Finding::message)
                    .containsExactly("Parameter 'callback_url' (query) takes a URL.");
        }

        @Test
        void silentForPlainFields() {
            String fixed = HEADER + """
                    paths:
                      /previews:
                        post:
                          requestBody:
                            content:
                              application/json:
                                schema:
                                  type: object
                                  properties:
                                    title: {type: string}
                                    linkCount: {type: integer}
                          responses: {'201': {description: ok}}
                    """;

            assertThat(run(new UrlInputRule(), fixed)).isEmpty();
        }
    }

    @Nested
    class MissingAuthErrorResponses {

        private static final String SECURED = HEADER + """
                security: [{bearer: []}]
                paths:
                  /a:
                    get:
                      responses: {'200': {description: ok}, '401': {description: who}}
                  /b:
                    get:
                      security: []
                      responses: {'200': {description: ok}}
                components:
                  securitySchemes:
                    bearer: {type: http, scheme: bearer}
                """;

        @Test
        void oneOf401Or403IsEnoughAsDocumented() {
            assertThat(run(new MissingAuthErrorResponsesRule(), SECURED)).isEmpty();
        }

        @Test
        void firesOnSecuredOperationDeclaringNeitherButNotOnPublicOne() {
            String neither = SECURED.replace("'401': {description: who}", "'404': {description: none}");

            assertThat(run(new MissingAuthErrorResponsesRule(), neither)).singleElement().satisfies(f -> {
                assertThat(f.location()).hasToString("/paths/~1a/get/responses");
                assertThat(f.message()).endsWith("declares neither 401 nor 403.");
            });
        }

        @Test
        void silentWith4xxRange() {
            String fixed = SECURED.replace("'401': {description: who}", "'4XX': {description: refused}");

            assertThat(run(new MissingAuthErrorResponsesRule(), fixed)).isEmpty();
        }

        @Test
        void anOperationTheGatewayAuthenticatesCountsAsSecured() {
            String publicOnly = HEADER + """
                    paths:
                      /a: {get: {responses: {'200': {description: ok}}}}
                    """;

            assertThat(run(new MissingAuthErrorResponsesRule(), publicOnly)).isEmpty();
            assertThat(run(new MissingAuthErrorResponsesRule(), publicOnly, "jwt")).hasSize(1);
        }
    }
}
