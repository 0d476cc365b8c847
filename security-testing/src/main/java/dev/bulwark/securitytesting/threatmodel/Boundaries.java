package dev.bulwark.securitytesting.threatmodel;

import dev.bulwark.securitytesting.gateway.GatewayPolicies;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.openapi.NameHeuristics;
import dev.bulwark.securitytesting.openapi.SchemaUsage;
import dev.bulwark.securitytesting.openapi.SchemaWalker;
import dev.bulwark.securitytesting.threatmodel.ThreatModel.BoundaryControl;
import dev.bulwark.securitytesting.threatmodel.ThreatModel.TrustBoundary;
import java.util.ArrayList;
import java.util.List;

/**
 * The three places where trust changes for an API behind Bulwark: the internet reaching the
 * gateway, the gateway forwarding to the upstream service, and the service calling third parties
 * (webhooks, callbacks, URLs it is given). Each lists the gateway controls that guard it.
 */
final class Boundaries {

    static final String CLIENT_GATEWAY = "client-gateway";
    static final String GATEWAY_UPSTREAM = "gateway-upstream";
    static final String THIRD_PARTIES = "upstream-third-parties";

    private Boundaries() {}

    static List<TrustBoundary> of(ApiDocument document, GatewayPolicies gateway) {
        List<String> served = document.operations().stream().map(ApiOperation::key).toList();
        List<String> outbound = new ArrayList<>();
        for (ApiOperation op : document.allOperations()) {
            boolean callsOut = op.isWebhook()
                    || (op.operation().getCallbacks() != null && !op.operation().getCallbacks().isEmpty())
                    || op.parameters().stream().anyMatch(p ->
                            NameHeuristics.isUrlInput(p.value().getName(), p.value().getSchema()))
                    || document.schemaUsage().nodesOf(op, use -> use.source() == SchemaUsage.Source.REQUEST_BODY)
                            .stream().anyMatch(n -> n.edge() == SchemaWalker.Edge.PROPERTY && !n.readOnly()
                                    && NameHeuristics.isUrlInput(n.propertyName(), n.schema()));
            if (callsOut) {
                outbound.add(op.key());
            }
        }
        return List.of(
                new TrustBoundary(CLIENT_GATEWAY, "Internet to gateway", "client (anonymous or consumer)",
                        "Bulwark gateway", controls(document, gateway, GatewayPolicies.API_KEY, GatewayPolicies.JWT,
                                GatewayPolicies.IP_FILTER, GatewayPolicies.CORS, GatewayPolicies.REQUEST_LIMITS,
                                GatewayPolicies.RATE_LIMIT, GatewayPolicies.QUOTA), served),
                new TrustBoundary(GATEWAY_UPSTREAM, "Gateway to upstream", "Bulwark gateway", "upstream service",
                        controls(document, gateway, GatewayPolicies.CONTRACT_VALIDATION,
                                GatewayPolicies.THREAT_PROTECTION), served),
                new TrustBoundary(THIRD_PARTIES, "Upstream to third parties", "upstream service",
                        "subscribers and URLs supplied by clients", List.of(), outbound));
    }

    /** A policy is in place on a boundary when it applies to every served operation. */
    private static List<BoundaryControl> controls(ApiDocument document, GatewayPolicies gateway, String... types) {
        List<BoundaryControl> out = new ArrayList<>();
        for (String type : types) {
            Control.State state = !gateway.known() ? Control.State.UNKNOWN
                    : (gateway.apiLevel().contains(type) || (!document.operations().isEmpty()
                            && document.operations().stream().allMatch(op -> gateway.enforces(op, type))))
                            ? Control.State.ATTACHED : Control.State.MISSING;
            out.add(new BoundaryControl(type, state));
        }
        return out;
    }
}
