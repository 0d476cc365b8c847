package dev.bulwark.dataplane.policy.authorization;

import dev.bulwark.dataplane.model.Policy;
import dev.bulwark.dataplane.model.RequestContext;
import io.vertx.core.Future;

/**
 * An authentication policy followed, once it has established the consumer, by
 * {@link AuthorizationPolicy}: a route that authenticates always authorizes too, so no snapshot can
 * publish "any valid key of the tenant may call everything". The pair occupies the
 * authentication slot of the chain; the plan's policies therefore run right after it, before the
 * API-level rate limits.
 */
public final class AuthenticatedAccess implements Policy {
    private final Policy authentication;

    public AuthenticatedAccess(Policy authentication) {
        this.authentication = authentication;
    }

    @Override
    public String id() {
        return authentication.id();
    }

    @Override
    public int order() {
        return authentication.order();
    }

    @Override
    public Future<Void> onRequest(RequestContext context) {
        Future<Void> authenticated = authentication.onRequest(context);
        if (authenticated == CONTINUE) {
            return AuthorizationPolicy.INSTANCE.onRequest(context);
        }
        return authenticated.compose(ok -> AuthorizationPolicy.INSTANCE.onRequest(context));
    }

    @Override
    public void onResponse(RequestContext context) {
        AuthorizationPolicy.INSTANCE.onResponse(context);
        authentication.onResponse(context);
    }

    public Policy authentication() {
        return authentication;
    }
}
