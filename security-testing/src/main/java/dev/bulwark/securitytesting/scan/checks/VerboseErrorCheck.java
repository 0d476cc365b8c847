package dev.bulwark.securitytesting.scan.checks;

import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.openapi.Located;
import dev.bulwark.securitytesting.openapi.Schemas;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import dev.bulwark.securitytesting.scan.model.CheckDescriptor;
import dev.bulwark.securitytesting.scan.model.Exchange;
import dev.bulwark.securitytesting.scan.model.ProbeRequest;
import dev.bulwark.securitytesting.scan.model.ScanContext;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Verbose errors: a typed parameter (number, boolean) gets a value of the wrong type, which makes
 * many frameworks fail; a stack trace or an exception class in the answer is the finding.
 */
final class VerboseErrorCheck extends BaseCheck {
    static final CheckDescriptor DESCRIPTOR = new CheckDescriptor("verbose-errors", "Error response shows a stack trace",
            OwaspApiTop10.API8, Severity.MEDIUM, false,
            "Answer errors with problem+json that names the field, log the details server-side, never return stack traces.");
    static final Pattern STACK_TRACE = Pattern.compile("(\\bat [\\w$.]+\\([\\w$]+\\.(java|kt|scala):\\d+\\)"
            + "|Traceback \\(most recent call last\\)|Exception in thread \"|\\bat .+\\.(js|ts):\\d+:\\d+\\)"
            + "|\\b(java|javax|jakarta)\\.[\\w.]+(Exception|Error)\\b|System\\.\\w+Exception|PHP (Fatal|Parse) error"
            + "|\\.rb:\\d+:in `)");
    private static final String WRONG_TYPE = "bulwark'scan";

    VerboseErrorCheck() {
        super(DESCRIPTOR);
    }

    @Override
    public void run(ScanContext context) {
        for (ApiOperation operation : Targets.reads(context)) {
            for (Located<Parameter> located : Targets.queryAndPath(operation)) {
                Parameter parameter = located.value();
                if (context.probe().stopped() || parameter.getSchema() == null
                        || !(Schemas.isNumeric(parameter.getSchema()) || Schemas.types(parameter.getSchema()).contains("boolean"))) {
                    continue;
                }
                var answered = Targets.path(context, operation, Map.of(parameter.getName(), WRONG_TYPE))
                        .flatMap(path -> context.probe().send(ProbeRequest.get(path, context.target().primary())))
                        .filter(exchange -> STACK_TRACE.matcher(exchange.body()).find());
                if (answered.isPresent()) {
                    report(context, operation, parameter, answered.get());
                    break;
                }
            }
        }
    }

    private static void report(ScanContext context, ApiOperation operation, Parameter parameter, Exchange exchange) {
        context.report(DESCRIPTOR, operation.key(), parameter.getName(), operation.key() + " answered a wrongly typed "
                + parameter.getName() + " with a stack trace (" + exchange.status() + ").", exchange);
    }
}
