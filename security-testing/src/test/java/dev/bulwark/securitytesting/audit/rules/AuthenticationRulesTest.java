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

/** API2 rules: schemes, requirements, flows. */
class AuthenticationRulesTest {

    private static final String UNSECURED = HEADER + """
            paths:
              /reports:
                get:
                  responses: {'200': {description: ok}}
                post:
                  responses: {'201': {description: created}}
            """;

    private static final String SECURED = HEADER + """
            security: [{bearer: []}]
            paths:
              /reports:
                get:
                  responses: {'200': {description: ok}}
                post:
                  responses: {'201': {description: created}}
            components:
              securitySchemes:
                bearer: {type: http, scheme: bearer, bearerFormat: JWT}
            """;

    @Nested
    class NoSecuritySchemes {

        @Test
        void firesWhenNothingCanAuthenticate() {
            List<Finding> findings = run(new NoSecuritySchemesRule(), UNSECURED);

            assertThat(findings).singleElement().satisfies(f -> {
                assertThat(f.ruleId()).isEqualTo("no-security-schemes");
                assertThat(f.owaspCategory()).isEqualTo(OwaspApiTop10.API2);
                assertThat(f.severity()).isEqualTo(Severity.HIGH);
                assertThat(f.location()).hasToString("/components/securitySchemes");
                assertThat(f.message()).contains("none of its operations can require authentication");
            });
        }

        @Test
        void lowWhenTheGatewayAuthenticatesEveryOperation() {
            assertThat(run(new NoSecuritySchemesRule(), UNSECURED, "api-key")).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.LOW);
                assertThat(f.message()).contains("The gateway authenticates every operation");
            });
        }

        @Test
        void silentOnceASchemeExists() {
            assertThat(run(new NoSecuritySchemesRule(), SECURED)).isEmpty();
        }
    }

    @Nested
    class OperationWithoutSecurity {

        @Test
        void reportsReadsOnlyWritesBelongToTheApi5Rule() {
            List<Finding> findings = run(new OperationWithoutSecurityRule(), UNSECURED);

            assertThat(locations(findings)).containsExactly("/paths/~1reports/get");
            assertThat(findings.getFirst().message()).startsWith("GET /reports has no security requirement");
        }

        @Test
        void emptyAlternativeMakesAuthenticationOptional() {
            String optional = SECURED.replace("    get:\n", "    get:\n      security: [{bearer: []}, {}]\n");

            assertThat(run(new OperationWithoutSecurityRule(), optional))
                    .singleElement()
                    .extracting(Finding::message).asString().contains("empty security requirement");
        }

        @Test
        void operationLevelEmptyListOverridesGlobalSecurity() {
            String optedOut = SECURED.replace("    get:\n", "    get:\n      security: []\n");

            assertThat(locations(run(new OperationWithoutSecurityRule(), optedOut)))
                    .containsExactly("/paths/~1reports/get");
        }

        @Test
        void silentWhenGloballySecured() {
            assertThat(run(new OperationWithoutSecurityRule(), SECURED)).isEmpty();
        }
    }

    @Nested
    class UndefinedScheme {

        @Test
        void firesOnMisspelledSchemeName() {
            String typo = SECURED.replace("security: [{bearer: []}]", "security: [{Bearer: []}]");

            assertThat(run(new UndefinedSecuritySchemeRule(), typo)).singleElement().satisfies(f -> {
                assertThat(f.location()).hasToString("/security/0/Bearer");
                assertThat(f.message()).contains("'Bearer'");
            });
        }

        @Test
        void silentWhenEveryNameIsDefined() {
            assertThat(run(new UndefinedSecuritySchemeRule(), SECURED)).isEmpty();
        }
    }

    @Nested
    class WeakScheme {

        private static final String WEAK = HEADER + """
                paths: {}
                components:
                  securitySchemes:
                    key: {type: apiKey, in: query, name: api_key}
                    basic: {type: http, scheme: basic}
                """;

        @Test
        void firesOnQueryApiKeyAndBasicAuthWithDifferentSeverities() {
            List<Finding> findings = run(new WeakSecuritySchemeRule(), WEAK);

            assertThat(findings).extracting(f -> f.location().toString(), Finding::severity).containsExactly(
                    tuple("/components/securitySchemes/key", Severity.HIGH),
                    tuple("/components/securitySchemes/basic", Severity.MEDIUM));
        }

        @Test
        void silentForHeaderKeysAndBearerTokens() {
            String fixed = WEAK.replace("in: query", "in: header").replace("scheme: basic", "scheme: bearer");

            assertThat(run(new WeakSecuritySchemeRule(), fixed)).isEmpty();
        }
    }

    @Nested
    class LegacyOAuthFlows {

        private static final String LEGACY = HEADER + """
                paths: {}
                components:
                  securitySchemes:
                    oauth:
                      type: oauth2
                      flows:
                        implicit:
                          authorizationUrl: https://id.example.com/authorize
                          scopes: {}
                        password:
                          tokenUrl: https://id.example.com/token
                          scopes: {}
                """;

        @Test
        void firesOnImplicitAndPasswordFlows() {
            assertThat(locations(run(new LegacyOAuthFlowRule(), LEGACY))).containsExactly(
                    "/components/securitySchemes/oauth/flows/implicit",
                    "/components/securitySchemes/oauth/flows/password");
        }

        @Test
        void silentForAuthorizationCodeFlow() {
            String fixed = HEADER + """
                    paths: {}
                    components:
                      securitySchemes:
                        oauth:
                          type: oauth2
                          flows:
                            authorizationCode:
                              authorizationUrl: https://id.example.com/authorize
                              tokenUrl: https://id.example.com/token
                              scopes: {}
                    """;

            assertThat(run(new LegacyOAuthFlowRule(), fixed)).isEmpty();
        }
    }
}
