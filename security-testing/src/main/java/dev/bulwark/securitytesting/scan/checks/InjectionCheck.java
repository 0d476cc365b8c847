package dev.bulwark.securitytesting.scan.checks;

import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.openapi.Located;
import dev.bulwark.securitytesting.openapi.Schemas;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import dev.bulwark.securitytesting.scan.model.CheckDescriptor;
import dev.bulwark.securitytesting.scan.model.Exchange;
import dev.bulwark.securitytesting.scan.model.ScanContext;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Injection probes, per free-text parameter of the read operations: short payloads only (a quote,
 * a balanced pair, a boolean condition, a shell separator), no time-based or ReDoS payloads. A
 * database or interpreter error in the response, or a lone quote failing where the balanced pair
 * does not, is the finding.
 */
final class InjectionCheck extends BaseCheck {
    static final CheckDescriptor DESCRIPTOR = new CheckDescriptor("injection", "Parameter reaches an interpreter unescaped",
            OwaspApiTop10.API8, Severity.HIGH, false,
            "Use parameterised queries and safe APIs, validate parameters against precise schemas, and put the "
                    + "gateway's threat-protection policy in front.");
    static final List<String> PAYLOADS = List.of("'", "\"", "' OR '1'='1", ";id", "$(id)");
    static final Pattern INTERPRETER_ERROR = Pattern.compile("(?i)(syntax error at or near|unterminated quoted string"
            + "|SQLSTATE|PSQLException|SQLException|ORA-\\d{5}|You have an error in your SQL syntax|SQLITE_ERROR"
            + "|sqlite3\\.OperationalError|Unclosed quotation mark|quoted string not properly terminated"
            + "|sh: \\d+: .*not found|/bin/sh:)");

    InjectionCheck() {
        super(DESCRIPTOR);
    }

    @Override
    public void run(ScanContext context) {
        for (ApiOperation operation : Targets.reads(context)) {
            if (context.probe().stopped() || Targets.baseline(context, operation).isEmpty()) {
                continue;
            }
            for (Located<Parameter> located : Targets.queryAndPath(operation)) {
                Parameter parameter = located.value();
                if (isFreeText(parameter)) {
                    probe(context, operation, parameter);
                }
            }
        }
    }

    private static boolean isFreeText(Parameter parameter) {
        return parameter.getSchema() == null
                || (Schemas.isString(parameter.getSchema()) && !Schemas.isEnumerated(parameter.getSchema())
                        && parameter.getSchema().getFormat() == null);
    }

    /** True when the parameter was reported. */
    static boolean probe(ScanContext context, ApiOperation operation, Parameter parameter) {
        String base = Targets.sample(parameter.getSchema(), parameter.getExample());
        Optional<Exchange> loneQuote = Optional.empty();
        for (String payload : PAYLOADS) {
            Optional<Exchange> exchange = send(context, operation, parameter, base + payload);
            if (exchange.isEmpty()) {
                continue;
            }
            if (INTERPRETER_ERROR.matcher(exchange.get().body()).find()) {
                report(context, operation, parameter, "an interpreter error", exchange.get());
                return true;
            }
            if (payload.equals("'")) {
                loneQuote = exchange;
            }
        }
        if (loneQuote.isPresent() && loneQuote.get().status() >= 500) {
            Optional<Exchange> balanced = send(context, operation, parameter, base + "''");
            if (balanced.isPresent() && balanced.get().status() < 500) {
                report(context, operation, parameter, "a server error for a lone quote but not for a balanced pair",
                        loneQuote.get());
                return true;
            }
        }
        return false;
    }

    private static Optional<Exchange> send(ScanContext context, ApiOperation operation, Parameter parameter, String value) {
        return Targets.path(context, operation, Map.of(parameter.getName(), value))
                .flatMap(path -> context.probe().send(dev.bulwark.securitytesting.scan.model.ProbeRequest.get(path,
                        context.target().primary())));
    }

    private static void report(ScanContext context, ApiOperation operation, Parameter parameter, String what, Exchange exchange) {
        context.report(DESCRIPTOR, operation.key(), parameter.getName(), "The " + parameter.getIn() + " parameter "
                + parameter.getName() + " of " + operation.key() + " caused " + what + ".", exchange);
    }
}
