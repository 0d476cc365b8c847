package dev.bulwark.securitytesting.cli;

import dev.bulwark.securitytesting.gateway.GatewayPolicies;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.OpenApiLoader;
import dev.bulwark.securitytesting.openapi.OpenApiParseException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The document to read and the gateway it is served with, shared by the subcommands. */
final class DocumentOptions {

    @Parameters(index = "0", paramLabel = "<file>", description = "OpenAPI 3.0/3.1 or Swagger 2.0 document, JSON or YAML.")
    Path file;

    @Option(names = "--gateway-policies", split = ",", paramLabel = "TYPE[,TYPE...]",
            description = "Policy types the gateway applies to every operation (api-key, jwt, rate-limit, quota, "
                    + "ip-filter, request-limits, cors, contract-validation, threat-protection), to judge the API "
                    + "as served. Without it the gateway is unknown and its rules stay quiet.")
    List<String> gatewayPolicies;

    GatewayPolicies gateway() {
        return gatewayPolicies == null ? GatewayPolicies.UNKNOWN
                : GatewayPolicies.onEveryOperation(new LinkedHashSet<>(gatewayPolicies.stream().map(String::trim)
                        .filter(s -> !s.isEmpty()).toList()));
    }

    /** The document, or empty after telling why on {@code err}. */
    Optional<ApiDocument> load(PrintWriter err) {
        try {
            return Optional.of(new OpenApiLoader().load(file));
        } catch (OpenApiParseException e) {
            err.println("Cannot read " + file + ":");
            e.messages().forEach(message -> err.println("  " + message));
            err.flush();
            return Optional.empty();
        }
    }
}
