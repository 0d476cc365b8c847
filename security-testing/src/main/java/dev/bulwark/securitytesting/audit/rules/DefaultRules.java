package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import java.util.List;

/** The rule set Bulwark runs, grouped by OWASP category. */
public final class DefaultRules {

    private DefaultRules() {}

    public static List<AuditRule> all() {
        return List.of(
                // API1 object level authorization
                new UnprotectedObjectIdRule(),
                new SequentialObjectIdRule(),
                // API2 authentication
                new NoSecuritySchemesRule(),
                new OperationWithoutSecurityRule(),
                new UndefinedSecuritySchemeRule(),
                new WeakSecuritySchemeRule(),
                new LegacyOAuthFlowRule(),
                new CredentialsInUrlRule(),
                new TokenBestPracticesRule(),
                // API3 object property level authorization
                new MassAssignmentRule(),
                new ResponseWithoutSchemaRule(),
                new OpenResponseSchemaRule(),
                new SensitiveDataInResponseRule(),
                // API4 resource consumption
                new UnboundedStringRule(),
                new UnrestrictedStringRule(),
                new UnboundedArrayRule(),
                new UnboundedNumberRule(),
                new IntegerFormatRule(),
                new MissingRateLimitRule(),
                new RateLimitHeadersRule(),
                // API5 function level authorization
                new WriteWithoutSecurityRule(),
                new AdminSecurityRule(),
                // API6 business flows
                new UnthrottledBusinessFlowRule(),
                // API7 SSRF
                new UrlInputRule(),
                // API8 misconfiguration
                new InsecureTransportRule(),
                new MissingAuthErrorResponsesRule(),
                new MissingErrorResponsesRule(),
                new MissingServerErrorResponseRule(),
                new CorsWildcardOriginRule(),
                new RequestWithoutSchemaRule(),
                new NoContractValidationRule(),
                new NoInjectionProtectionRule(),
                // API9 inventory
                new CatchAllApiRule(),
                new DeprecatedOperationRule(),
                new MissingApiVersionRule(),
                new MissingServersRule(),
                new InvalidDocumentRule(),
                // API10 consumption of other APIs
                new UnsafeCallbackRule());
    }
}
