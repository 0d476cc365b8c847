package dev.bulwark.securitytesting.audit.rules;

import static dev.bulwark.securitytesting.audit.rules.RuleTesting.HEADER;
import static dev.bulwark.securitytesting.audit.rules.RuleTesting.parse;
import static dev.bulwark.securitytesting.audit.rules.RuleTesting.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.securitytesting.audit.model.AuditTarget;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.gateway.GatewayPolicies;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Rules that judge the API as served: the document and the gateway policies attached to it (issue 20 item 7). */
class GatewayAwareRulesTest {

    private static final String TWO_OPERATIONS = HEADER + """
            paths:
              /orders:
                get: {operationId: listOrders, responses: {'200': {description: ok}}}
                post: {responses: {'201': {description: ok}}}
            """;

    @Nested
    class GatewayProtection {

        @Test
        void silentWhenThePoliciesAreUnknown() {
            assertThat(run(new NoContractValidationRule(), TWO_OPERATIONS)).isEmpty();
            assertThat(run(new NoInjectionProtectionRule(), TWO_OPERATIONS)).isEmpty();
        }

        @Test
        void anApiWithoutContractValidationOrInjectionProtectionIsReportedForIt() {
            assertThat(run(new NoContractValidationRule(), TWO_OPERATIONS, "api-key")).singleElement().satisfies(f -> {
                assertThat(f.operations()).containsExactly("GET /orders", "POST /orders");
                assertThat(f.message()).contains("'contract-validation'").contains("any operation");
            });
            assertThat(run(new NoInjectionProtectionRule(), TWO_OPERATIONS, "api-key")).singleElement()
                    .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH));
            assertThat(run(new NoContractValidationRule(), TWO_OPERATIONS, "contract-validation")).isEmpty();
            assertThat(run(new NoInjectionProtectionRule(), TWO_OPERATIONS, "threat-protection")).isEmpty();
        }

        @Test
        void operationLevelPoliciesCountByOperationIdOrMethodAndPath() {
            GatewayPolicies gateway = GatewayPolicies.of(Set.of("api-key"),
                    Map.of("listOrders", Set.of("threat-protection")));

            assertThat(new NoInjectionProtectionRule().check(new AuditTarget(parse(TWO_OPERATIONS), gateway)))
                    .singleElement().satisfies(f -> {
                        assertThat(f.operations()).containsExactly("POST /orders");
                        assertThat(f.message()).contains("the operations listed");
                    });
            GatewayPolicies byPath = GatewayPolicies.of(Set.of(), Map.of("POST /orders", Set.of("threat-protection"),
                    "listOrders", Set.of("threat-protection")));
            assertThat(new NoInjectionProtectionRule().check(new AuditTarget(parse(TWO_OPERATIONS), byPath))).isEmpty();
        }
    }

    @Nested
    class CatchAll {

        @Test
        void emptyPathsAndWildcardOnlyPathsAreCatchAlls() {
            assertThat(run(new CatchAllApiRule(), HEADER + "paths: {}\n")).singleElement()
                    .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.CRITICAL));
            assertThat(run(new CatchAllApiRule(), HEADER + """
                    paths:
                      /{proxy+}:
                        get: {responses: {'200': {description: ok}}}
                        post: {responses: {'200': {description: ok}}}
                    """)).singleElement().satisfies(f -> assertThat(f.operations()).hasSize(2));
            assertThat(run(new CatchAllApiRule(), HEADER + "paths:\n  /*: {get: {responses: {'200': {description: ok}}}}\n"))
                    .hasSize(1);
            assertThat(run(new CatchAllApiRule(), TWO_OPERATIONS)).isEmpty();
        }

        @Test
        void aWebhookOnlyDocumentIsACatchAllOnlyOnceServedByTheGateway() {
            String webhooks = """
                    openapi: 3.1.0
                    info: {title: Hooks, version: '1'}
                    webhooks:
                      ping: {post: {responses: {'200': {description: ok}}}}
                    """;

            assertThat(run(new CatchAllApiRule(), webhooks)).isEmpty();
            assertThat(run(new CatchAllApiRule(), webhooks, "api-key")).hasSize(1);
        }
    }

    @Nested
    class Throttling {

        @Test
        void aRateLimitOrQuotaAtTheGatewayIsAThrottle() {
            assertThat(run(new MissingRateLimitRule(), TWO_OPERATIONS)).hasSize(2);
            assertThat(run(new MissingRateLimitRule(), TWO_OPERATIONS, "rate-limit")).isEmpty();
            assertThat(run(new MissingRateLimitRule(), TWO_OPERATIONS, "quota")).isEmpty();
        }
    }

    @Test
    void anOperationTheGatewayAuthenticatesIsNotAnonymous() {
        assertThat(run(new OperationWithoutSecurityRule(), TWO_OPERATIONS)).extracting(Finding::message)
                .containsExactly("GET /orders has no security requirement, so anyone can call it.");
        assertThat(run(new OperationWithoutSecurityRule(), TWO_OPERATIONS, "jwt")).isEmpty();
        assertThat(run(new OperationWithoutSecurityRule(), TWO_OPERATIONS, "cors")).extracting(Finding::message)
                .containsExactly("GET /orders has no security requirement and the gateway does not authenticate it, "
                        + "so anyone can call it.");
    }
}
