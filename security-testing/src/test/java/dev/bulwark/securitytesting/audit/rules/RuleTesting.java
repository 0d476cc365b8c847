package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.AuditTarget;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.gateway.GatewayPolicies;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.OpenApiLoader;
import dev.bulwark.securitytesting.openapi.OpenApiParseException;
import java.util.List;
import java.util.Set;

/** Parses inline YAML fixtures and runs one rule on them. */
final class RuleTesting {

    /** A valid preamble so fixtures only show what the rule under test looks at. */
    static final String HEADER = """
            openapi: 3.0.3
            info: {title: Fixture, version: '1.0'}
            servers: [{url: 'https://api.example.com'}]
            """;

    private RuleTesting() {}

    static ApiDocument parse(String yaml) {
        try {
            return new OpenApiLoader().parse(yaml, "fixture.yaml");
        } catch (OpenApiParseException e) {
            throw new AssertionError("fixture does not parse: " + e.messages(), e);
        }
    }

    static List<Finding> run(AuditRule rule, String yaml) {
        return rule.check(AuditTarget.of(parse(yaml)));
    }

    /** Runs the rule on the API as served with these gateway policies on every operation. */
    static List<Finding> run(AuditRule rule, String yaml, String... policies) {
        return rule.check(new AuditTarget(parse(yaml), GatewayPolicies.onEveryOperation(Set.of(policies))));
    }

    static List<String> locations(List<Finding> findings) {
        return findings.stream().map(f -> f.location().toString()).toList();
    }
}
