package dev.bulwark.securitytesting.scan.checks;

import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.openapi.Located;
import dev.bulwark.securitytesting.openapi.NameHeuristics;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import dev.bulwark.securitytesting.scan.model.CheckDescriptor;
import dev.bulwark.securitytesting.scan.model.Exchange;
import dev.bulwark.securitytesting.scan.model.ProbeRequest;
import dev.bulwark.securitytesting.scan.model.ScanContext;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * SSRF: every URL-looking query parameter of a read operation gets the URL of the scanner's canary
 * with a unique token. The canary receiving the token proves the API fetched a client-chosen URL.
 * Runs only when the scan has a canary address the API can reach.
 */
final class SsrfCheck extends BaseCheck {
    static final CheckDescriptor DESCRIPTOR = new CheckDescriptor("ssrf", "Server fetches a client-supplied URL",
            OwaspApiTop10.API7, Severity.CRITICAL, false,
            "Fetch only allow-listed hosts over allow-listed schemes, resolve and refuse private addresses, and never "
                    + "follow redirects blindly.");
    private static final long WAIT_MILLIS = 2_000;

    SsrfCheck() {
        super(DESCRIPTOR);
    }

    @Override
    public void run(ScanContext context) {
        if (context.settings().ssrfCanary().isEmpty()) {
            skip(context, "no canary address was given");
            return;
        }
        try (SsrfCanary canary = new SsrfCanary(context.settings().ssrfCanary().get())) {
            for (ApiOperation operation : Targets.reads(context)) {
                for (Located<Parameter> located : operation.parametersIn("query")) {
                    Parameter parameter = located.value();
                    if (!context.probe().stopped() && NameHeuristics.isUrlInput(parameter.getName(), parameter.getSchema())) {
                        probe(context, canary, operation, parameter);
                    }
                }
            }
        } catch (IOException e) {
            skip(context, "the canary cannot listen: " + e.getMessage());
        }
    }

    private static void probe(ScanContext context, SsrfCanary canary, ApiOperation operation, Parameter parameter) {
        String token = UUID.randomUUID().toString();
        Optional<Exchange> exchange = Targets.path(context, operation, Map.of(parameter.getName(), canary.url(token)))
                .flatMap(path -> context.probe().send(ProbeRequest.get(path, context.target().primary())));
        if (exchange.isEmpty()) {
            return;
        }
        // The fetch may happen after the response (a queued job): give it a short, bounded while.
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        while (!canary.received(token) && System.nanoTime() < deadline && !context.probe().stopped()) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (canary.received(token)) {
            context.report(DESCRIPTOR, operation.key(), parameter.getName(), "The query parameter " + parameter.getName()
                    + " of " + operation.key() + " made the API fetch the scanner's canary URL.", exchange.get());
        }
    }
}
