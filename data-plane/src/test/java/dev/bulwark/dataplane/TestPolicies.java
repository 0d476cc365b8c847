package dev.bulwark.dataplane;

import dev.bulwark.contracts.policy.ApiKeyAuthConfig;
import dev.bulwark.contracts.policy.PolicyConfig;
import dev.bulwark.dataplane.model.Consumer;
import dev.bulwark.dataplane.model.Policy;
import dev.bulwark.dataplane.model.PolicyFactory;
import dev.bulwark.dataplane.model.PolicyFailure;
import dev.bulwark.dataplane.model.PolicyOrder;
import dev.bulwark.dataplane.model.RequestContext;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/**
 * A tiny stand-in for the real policies (another branch): an api-key policy that accepts the
 * header value "good-key" and refuses anything else with 401, so the pipeline can be tested
 * end to end; every other type is a pass-through that records it ran.
 */
public final class TestPolicies {
    public static final PolicyFactory FACTORY = TestPolicies::create;

    private TestPolicies() {
    }

    static Policy create(PolicyConfig config) {
        if (config instanceof ApiKeyAuthConfig) {
            return new Policy() {
                @Override
                public String id() {
                    return "api-key";
                }

                @Override
                public int order() {
                    return PolicyOrder.AUTHENTICATION;
                }

                @Override
                public Future<Void> onRequest(RequestContext context) {
                    String key = context.request().getHeader("x-api-key");
                    if (!"good-key".equals(key)) {
                        return Future.failedFuture(new PolicyFailure(401, "API_KEY_INVALID", "The API key is not valid",
                                Map.of("WWW-Authenticate", "ApiKey")));
                    }
                    context.authenticate(new Consumer("t1", "app-1", "key-1", null, List.of(), null));
                    // strip the credential before it goes upstream, as the real policy does
                    context.request().headers().remove("x-api-key");
                    String query = context.request().query();
                    if (query != null && query.contains("api_key=")) {
                        context.rewriteUpstreamQuery(String.join("&", java.util.Arrays.stream(query.split("&"))
                                .filter(part -> !part.startsWith("api_key=")).toList()));
                    }
                    return CONTINUE;
                }

                @Override
                public void onResponse(RequestContext context) {
                    context.responseHeaders().set("x-test-policy", "seen");
                }
            };
        }
        return new Policy() {
            @Override
            public String id() {
                return config.type();
            }

            @Override
            public int order() {
                return PolicyOrder.RATE_LIMIT;
            }
        };
    }
}
