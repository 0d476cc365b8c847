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
    private final AuthorizationPolicy authorization;

    public AuthenticatedAccess(Policy authentication) {
        this(authentication, AuthorizationPolicy.INSTANCE);
    }

    public AuthenticatedAccess(Policy authentication, AuthorizationPolicy authorization) {
        this.authentication = authentication;
        this.authorization = authorization;
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
            return authorization.onRequest(context);
        }
        return authenticated.compose(ok -> authorization.onRequest(context));
    }

    @Override
    public void onResponse(RequestContext context) {
        authorization.onResponse(context);
        authentication.onResponse(context);
    }

    public Policy authentication() {
        return authentication;
    }
}
