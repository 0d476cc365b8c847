package dev.bulwark.dataplane.snapshot;

import static dev.bulwark.dataplane.Snapshots.api;
import static dev.bulwark.dataplane.Snapshots.of;
import static dev.bulwark.dataplane.Snapshots.withOperations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.contracts.policy.ApiKeyAuthConfig;
import dev.bulwark.contracts.policy.CorsConfig;
import dev.bulwark.contracts.policy.CredentialLocation;
import dev.bulwark.contracts.policy.PolicyConfig;
import dev.bulwark.contracts.policy.PolicyType;
import dev.bulwark.contracts.policy.TimeoutsConfig;
import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.OperationEntry;
import dev.bulwark.dataplane.TestPolicies;
import dev.bulwark.dataplane.model.CompiledRoute;
import dev.bulwark.dataplane.model.CompiledSnapshot;
import dev.bulwark.dataplane.model.Policy;
import dev.bulwark.dataplane.upstream.UpstreamRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayCompilerTest {
    final List<PolicyConfig> built = new ArrayList<>();
    final GatewayCompiler compiler = new GatewayCompiler(config -> {
        built.add(config);
        return TestPolicies.FACTORY.create(config);
    }, new UpstreamRegistry(5, 1_000));

    @Test
    void timeoutsAreReadNotExecutedAndOperationPoliciesOverrideApiOnes() throws Exception {
        ApiKeyAuthConfig apiLevel = new ApiKeyAuthConfig(CredentialLocation.HEADER, "X-API-Key", null);
        ApiKeyAuthConfig operationLevel = new ApiKeyAuthConfig(CredentialLocation.QUERY, "key", null);
        ApiEntry api = withOperations(api("a", "/a", "http://127.0.0.1:9", apiLevel, new TimeoutsConfig(100, 200, 1),
                        new CorsConfig(List.of("https://app.example"), null, null, null, null, null)),
                new OperationEntry("op", "GET", "/x", List.of(), List.of(operationLevel, new TimeoutsConfig(50, 60, 0))),
                new OperationEntry("other", "GET", "/y", List.of(), List.of()));
        CompiledSnapshot snapshot = compiler.compile(of(3, api));

        assertThat(built).extracting(PolicyConfig::type).doesNotContain(PolicyType.TIMEOUTS);
        CompiledRoute x = snapshot.router().match(null, "GET", "/a/x").route();
        CompiledRoute y = snapshot.router().match(null, "GET", "/a/y").route();
        assertThat(x.upstreams().timeouts()).isEqualTo(new TimeoutsConfig(50, 60, 0));
        assertThat(y.upstreams().timeouts()).isEqualTo(new TimeoutsConfig(100, 200, 1));
        assertThat(x.policies()).extracting(Policy::order).isSorted();
        assertThat(x.policies()).hasSize(2);
        assertThat(x.policies().get(0)).as("the operation's api-key replaces the API's").isNotSameAs(y.policies().get(0));
        assertThat(x.policies().get(1)).as("API-level policies are built once and shared").isSameAs(y.policies().get(1));
        assertThat(built).contains(operationLevel, apiLevel);
    }

    @Test
    void everyProblemIsReportedWithItsField() {
        ApiEntry broken = new ApiEntry("", "t", "n", "bad host:80", "relative", List.of("ftp://x"),
                List.of(new OperationEntry("o", "BREW", "/a/{b", List.of(), List.of())),
                List.of(new TimeoutsConfig(500, 100, 0)));
        assertThatThrownBy(() -> compiler.compile(of(1, broken)))
                .isInstanceOf(InvalidSnapshotException.class)
                .satisfies(error -> assertThat(((InvalidSnapshotException) error).problems()).containsExactlyInAnyOrder(
                        "apis[0].apiId: is required",
                        "apis[0].host: must be a host name without port",
                        "apis[0].basePath: must start with '/'",
                        "apis[0].upstreams[0]: must be an http, https or h2c URL",
                        "apis[0].policies[0].connectTimeoutMillis: cannot exceed readTimeoutMillis",
                        "apis[0].operations[0].method: must be one of " + SnapshotValidator.METHODS,
                        "apis[0].operations[0].pathTemplate: segment '{b' mixes a variable and text"));
    }

    @Test
    void conflictingRoutesAreRefused() {
        assertThatThrownBy(() -> compiler.compile(of(1, api("a", "/same", "http://127.0.0.1:9"), api("b", "/same", "http://127.0.0.1:9"))))
                .isInstanceOf(InvalidSnapshotException.class).hasMessageContaining("duplicate route");
    }
}
