package dev.bulwark.contracts.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.contracts.policy.LimitKey;
import dev.bulwark.contracts.policy.RateLimitConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotHashTest {
    private static final Instant AT = Instant.parse("2026-11-27T10:15:30.123Z");

    /**
     * The canonical form, pinned: if this changes, every published hash changes, and data planes of
     * the previous release would refuse every delta. Change it only with a schema version bump.
     */
    @Test
    void canonicalFormIsPinned() {
        Snapshot snapshot = new Snapshot(1, 7, "production", null, AT,
                List.of(new ApiEntry("api-1", "t1", "Orders \"v1\"\n", null, "/orders", List.of("http://127.0.0.1:9000"),
                        List.of(new OperationEntry("getOrder", "GET", "/{id}", List.of("orders:read"), List.of())),
                        List.of(new RateLimitConfig(100L, 60, null, LimitKey.API_KEY, null, null, null, null, null)))),
                List.of(),
                List.of(new ApplicationEntry("app-1", "t1", "Shop", Map.of("api-1", "plan-1"))),
                List.of(new ApiKeyEntry("key-1", "bwk_live_abcdefgh", "ZGlnZXN0", "t1", "app-1", List.of(), AT)));
        String canonical = "{\"apiKeys\":[{\"applicationId\":\"app-1\",\"digest\":\"ZGlnZXN0\",\"expiresAt\":\"2026-11-27T10:15:30.123Z\","
                + "\"keyId\":\"key-1\",\"lookupId\":\"bwk_live_abcdefgh\",\"scopes\":[],\"tenantId\":\"t1\"}],"
                + "\"apis\":[{\"apiId\":\"api-1\",\"basePath\":\"/orders\",\"name\":\"Orders \\\"v1\\\"\\n\",\"operations\":[{\"method\":\"GET\","
                + "\"operationId\":\"getOrder\",\"pathTemplate\":\"/{id}\",\"policies\":[],\"requiredScopes\":[\"orders:read\"]}],"
                + "\"policies\":[{\"burst\":0,\"failureMode\":\"open\",\"keyBy\":\"api-key\",\"limit\":100,\"mode\":\"distributed\","
                + "\"periodSeconds\":60,\"redisTimeoutMillis\":50,\"sendHeaders\":true,\"type\":\"rate-limit\"}],\"tenantId\":\"t1\","
                + "\"upstreams\":[\"http://127.0.0.1:9000\"]}],"
                + "\"applications\":[{\"applicationId\":\"app-1\",\"name\":\"Shop\",\"planByApi\":{\"api-1\":\"plan-1\"},\"tenantId\":\"t1\"}],"
                + "\"environment\":\"production\",\"plans\":[],\"schemaVersion\":1}";
        assertThat(SnapshotHash.of(snapshot)).isEqualTo(SnapshotHash.sha256(canonical));
    }

    @Test
    void versionAndTimestampAreNotContent() {
        Snapshot a = new Snapshot(1, 1, "staging", null, AT, List.of(), List.of(), List.of(), List.of());
        Snapshot b = new Snapshot(1, 99, "staging", "whatever", AT.plusSeconds(60), List.of(), List.of(), List.of(), List.of());
        Snapshot otherEnvironment = new Snapshot(1, 1, "production", null, AT, List.of(), List.of(), List.of(), List.of());
        assertThat(SnapshotHash.of(a)).isEqualTo(SnapshotHash.of(b)).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(SnapshotHash.of(otherEnvironment)).isNotEqualTo(SnapshotHash.of(a));
    }

    @Test
    void stampedSnapshotVerifiesAndTamperingIsDetected() {
        Snapshot stamped = SnapshotHash.stamped(new Snapshot(1, 1, "staging", null, AT, List.of(), List.of(),
                List.of(new ApplicationEntry("app-1", "t1", "Shop", Map.of())), List.of()));
        assertThat(SnapshotHash.verifies(stamped)).isTrue();
        Snapshot tampered = new Snapshot(1, 1, "staging", stamped.contentHash(), AT, List.of(), List.of(),
                List.of(new ApplicationEntry("app-1", "t2", "Shop", Map.of())), List.of());
        assertThat(SnapshotHash.verifies(tampered)).isFalse();
    }

    @Test
    void controlCharactersAreEscapedAsJcsRequires() {
        assertThat(CanonicalJson.write(List.of("a\u0001b\u001f", "é"))).isEqualTo("[\"a\\u0001b\\u001f\",\"é\"]");
        assertThatThrownBy(() -> CanonicalJson.write(1.5d)).isInstanceOf(IllegalArgumentException.class);
    }
}
