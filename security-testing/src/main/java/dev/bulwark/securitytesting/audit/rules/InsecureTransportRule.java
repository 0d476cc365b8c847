package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.AuditTarget;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.ApiOperation;
import dev.bulwark.securitytesting.openapi.JsonPointer;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.servers.Server;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain-HTTP endpoints: servers (at any level, variables expanded) and the URLs of OAuth and
 * OpenID Connect endpoints, where tokens and credentials travel. Loopback hosts are reported at low
 * severity since they are usually development setups.
 */
public final class InsecureTransportRule implements AuditRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("insecure-transport",
            "Endpoint reachable over plain HTTP", OwaspApiTop10.API8, Severity.HIGH,
            "Serve the API and its authorization endpoints over HTTPS only (TLS 1.2+) and refuse plain HTTP; "
                    + "do not redirect it, the credentials have crossed the network by then.");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Finding> check(AuditTarget target) {
        ApiDocument document = target.document();
        List<Finding> out = new ArrayList<>();
        servers(document.openApi().getServers(), JsonPointer.of("servers"), out);
        if (document.openApi().getPaths() != null) {
            document.openApi().getPaths().forEach((path, item) ->
                    servers(item.getServers(), JsonPointer.of("paths", path, "servers"), out));
        }
        for (ApiOperation op : document.allOperations()) {
            servers(op.operation().getServers(), op.location().child("servers"), out);
        }
        document.securitySchemes().forEach((name, scheme) -> {
            JsonPointer at = JsonPointer.of("components", "securitySchemes", name);
            check(scheme.getOpenIdConnectUrl(), at.child("openIdConnectUrl"), "OpenID Connect discovery URL", out);
            if (scheme.getFlows() != null) {
                flow(scheme.getFlows().getImplicit(), at.child("flows", "implicit"), out);
                flow(scheme.getFlows().getPassword(), at.child("flows", "password"), out);
                flow(scheme.getFlows().getClientCredentials(), at.child("flows", "clientCredentials"), out);
                flow(scheme.getFlows().getAuthorizationCode(), at.child("flows", "authorizationCode"), out);
            }
        });
        return out;
    }

    private static void servers(List<Server> servers, JsonPointer at, List<Finding> out) {
        if (servers == null) {
            return;
        }
        for (int i = 0; i < servers.size(); i++) {
            for (String url : ServerUrls.expand(servers.get(i))) {
                if (check(url, at.child(i).child("url"), "Server URL", out)) {
                    break; // one finding per server is enough
                }
            }
        }
    }

    private static void flow(OAuthFlow flow, JsonPointer at, List<Finding> out) {
        if (flow != null) {
            check(flow.getAuthorizationUrl(), at.child("authorizationUrl"), "OAuth authorization URL", out);
            check(flow.getTokenUrl(), at.child("tokenUrl"), "OAuth token URL", out);
            check(flow.getRefreshUrl(), at.child("refreshUrl"), "OAuth refresh URL", out);
        }
    }

    private static boolean check(String url, JsonPointer at, String what, List<Finding> out) {
        if (!ServerUrls.isPlainHttp(url)) {
            return false;
        }
        if (ServerUrls.isLoopback(url)) {
            out.add(DESCRIPTOR.finding(at, what + " '" + url + "' uses plain HTTP on a loopback host; "
                    + "keep it out of published documents.", Severity.LOW));
        } else {
            out.add(DESCRIPTOR.finding(at, what + " '" + url + "' uses plain HTTP, exposing credentials and data "
                    + "to anyone on the network path."));
        }
        return true;
    }
}
