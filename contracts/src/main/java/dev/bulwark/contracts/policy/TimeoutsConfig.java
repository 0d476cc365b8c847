package dev.bulwark.contracts.policy;

import dev.bulwark.contracts.schema.Doc;
import dev.bulwark.contracts.schema.Range;
import dev.bulwark.contracts.schema.Violations;

@Doc("Upstream connect and response timeouts, and retries for idempotent methods.")
public record TimeoutsConfig(
        @Range(min = 1, max = 60_000) @Doc("Connect timeout in ms. Default: 2000.") Integer connectTimeoutMillis,
        @Range(min = 1, max = 600_000) @Doc("Longest wait for the upstream: for its response headers, and for each next part of its body, in ms. Default: 30000.") Integer readTimeoutMillis,
        @Range(min = 0, max = 5) @Doc("Retries of idempotent requests after a connect failure or 502/503. Default: 0.") Integer retries)
        implements PolicyConfig {

    public TimeoutsConfig {
        connectTimeoutMillis = connectTimeoutMillis == null ? 2_000 : connectTimeoutMillis;
        readTimeoutMillis = readTimeoutMillis == null ? 30_000 : readTimeoutMillis;
        retries = retries == null ? 0 : retries;
    }

    @Override
    public void validateRules(Violations v) {
        v.require(connectTimeoutMillis <= readTimeoutMillis, "connectTimeoutMillis", "cannot exceed readTimeoutMillis");
    }
}
