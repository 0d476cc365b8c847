package dev.bulwark.dataplane.policy.apikey;

import dev.bulwark.contracts.apikey.ApiKeyDigester;
import dev.bulwark.contracts.apikey.ApiKeys;
import dev.bulwark.contracts.apikey.KeyEnvironment;
import dev.bulwark.contracts.policy.ApiKeyAuthConfig;
import dev.bulwark.contracts.policy.CredentialLocation;
import dev.bulwark.contracts.policy.PolicyType;
import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.ApiKeyEntry;
import dev.bulwark.contracts.snapshot.ApplicationEntry;
import dev.bulwark.dataplane.model.Consumer;
import dev.bulwark.dataplane.model.Policy;
import dev.bulwark.dataplane.model.PolicyFailure;
import dev.bulwark.dataplane.model.PolicyOrder;
import dev.bulwark.dataplane.model.RequestContext;
import dev.bulwark.dataplane.pipeline.QueryStrings;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Authenticates a caller by a Bulwark API key looked up in the request's pinned snapshot.
 *
 * <p>Checks run cheapest first and reveal nothing to a caller without the real key: shape and
 * checksum (no lookup at all for garbage), lookup id, constant-time digest comparison, tenant,
 * and only then expiry, so "expired" is told only to someone who holds the genuine key.
 */
public final class ApiKeyAuthPolicy implements Policy {
    private final ApiKeyAuthConfig config;
    private final ApiKeyDigester digester;
    private final Clock clock;
    private final PolicyFailure missing;
    private final PolicyFailure invalid = new PolicyFailure(401, "API_KEY_INVALID", "The API key is not valid");
    private final PolicyFailure expired = new PolicyFailure(401, "API_KEY_EXPIRED", "The API key has expired");
    private static final Map<KeyEnvironment, PolicyFailure> WRONG_ENVIRONMENT = Map.of(
            KeyEnvironment.LIVE, wrongEnvironment("production", KeyEnvironment.LIVE),
            KeyEnvironment.TEST, wrongEnvironment("staging", KeyEnvironment.TEST));

    public ApiKeyAuthPolicy(ApiKeyAuthConfig config, ApiKeyDigester digester, Clock clock) {
        this.config = config;
        this.digester = digester;
        this.clock = clock;
        String challenge = "APIKey realm=\"bulwark\", in=\"" + (config.in() == CredentialLocation.HEADER ? "header" : "query")
                + "\", name=\"" + config.name() + "\"";
        this.missing = new PolicyFailure(401, "API_KEY_MISSING", "An API key is required in " + describe(config),
                Map.of("WWW-Authenticate", challenge));
    }

    @Override
    public String id() {
        return PolicyType.API_KEY;
    }

    @Override
    public int order() {
        return PolicyOrder.AUTHENTICATION;
    }

    @Override
    public Future<Void> onRequest(RequestContext context) {
        HttpServerRequest request = context.request();
        // A query key is found and stripped by the same rule (QueryStrings), so no spelling of the
        // name that authenticates can still reach the upstream.
        List<String> presented = config.in() == CredentialLocation.HEADER
                ? request.headers().getAll(config.name())
                : QueryStrings.values(request.query(), config.name());
        if (presented.isEmpty() || presented.getFirst().isEmpty()) {
            return Future.failedFuture(missing);
        }
        // Two keys in one request is ambiguous (which one would the upstream see?): refuse it.
        String key = presented.getFirst();
        if (presented.size() > 1 || !ApiKeys.isWellFormed(key)) {
            return Future.failedFuture(invalid);
        }
        ApiKeyEntry entry = context.snapshot().apiKey(ApiKeys.lookupId(key));
        ApiEntry api = context.route().route().api();
        if (entry == null) {
            // A well-formed key (its checksum holds) labelled for the other environment cannot be in
            // this snapshot: say so, which tells the caller only what the key's own prefix and this
            // gateway's address already do, and saves a newcomer from a bare "invalid".
            KeyEnvironment served = KeyEnvironment.servedBy(context.snapshot().environment());
            return Future.failedFuture(served != null && KeyEnvironment.ofKey(key) != served ? WRONG_ENVIRONMENT.get(served) : invalid);
        }
        if (!digester.matches(key, entry.digest()) || !api.tenantId().equals(entry.tenantId())) {
            return Future.failedFuture(invalid);
        }
        if (entry.expiresAt() != null && !clock.instant().isBefore(entry.expiresAt())) {
            return Future.failedFuture(expired);
        }
        if (config.stripCredential()) {
            strip(context);
        }
        ApplicationEntry application = context.snapshot().application(entry.applicationId());
        String planId = application == null ? null : application.planByApi().get(api.apiId());
        context.authenticate(new Consumer(entry.tenantId(), entry.applicationId(), entry.keyId(), null, entry.scopes(), planId));
        return CONTINUE;
    }

    private void strip(RequestContext context) {
        if (config.in() == CredentialLocation.HEADER) {
            context.request().headers().remove(config.name());
        } else {
            String query = QueryStrings.without(context.request().query(), config.name());
            context.rewriteUpstreamQuery(query == null ? "" : query);
        }
    }

    private static PolicyFailure wrongEnvironment(String environment, KeyEnvironment accepted) {
        return new PolicyFailure(401, "API_KEY_WRONG_ENVIRONMENT", "This gateway serves " + environment + " and accepts "
                + accepted.prefix() + "… keys; the key presented was issued for another environment");
    }

    private static String describe(ApiKeyAuthConfig config) {
        return (config.in() == CredentialLocation.HEADER ? "the header " : "the query parameter ") + config.name();
    }
}
