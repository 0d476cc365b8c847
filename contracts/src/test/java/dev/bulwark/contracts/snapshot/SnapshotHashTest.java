package dev.bulwark.contracts.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.contracts.policy.LimitKey;
import dev.bulwark.contracts.policy.RateLimitConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotHashTest {
    private static final Instant AT = Instant.parse("2026-11-27T10:15:30.123Z");

    /**
     * The hash definition, pinned by an independent implementation of docs/sync-protocol.md: if this
     * changes, every published hash changes and data planes of the previous release refuse every
     * delta. Change it only with a schema version bump.
     */
    @Test
    void hashDefinitionIsPinned() throws Exception {
        ApiEntry api = new ApiEntry("api-1", "t1", "Orders \"v1\"\n", null, "/orders", List.of("http://127.0.0.1:9000"),
                List.of(new OperationEntry("getOrder", "GET", "/{id}", List.of("orders:read"), List.of())),
                List.of(new RateLimitConfig(100L, 60, null, LimitKey.API_KEY, null, null, null, null, null)));
        ApplicationEntry app = new ApplicationEntry("app-1", "t1", "Shop", Map.of("api-1", "plan-1"));
        ApiKeyEntry key1 = new ApiKeyEntry("key-1", "bwk_live_abcdefgh", "ZGlnZXN0", "t1", "app-1", List.of(), AT);
        ApiKeyEntry key2 = new ApiKeyEntry("kéy-0", "bwk_live_zzzzzzzz", "ZA", "t1", "app-1", List.of("a"), null);
        Snapshot snapshot = new Snapshot(Snapshot.SCHEMA_VERSION, 7, "production", null, AT, List.of(api), List.of(), List.of(app),
                List.of(key2, key1));
        String apiJson = "{\"apiId\":\"api-1\",\"basePath\":\"/orders\",\"name\":\"Orders \\\"v1\\\"\\n\",\"operations\":[{\"method\":\"GET\","
                + "\"operationId\":\"getOrder\",\"pathTemplate\":\"/{id}\",\"policies\":[],\"requiredScopes\":[\"orders:read\"]}],"
                + "\"policies\":[{\"burst\":0,\"failureMode\":\"open\",\"keyBy\":\"api-key\",\"limit\":100,\"mode\":\"distributed\","
                + "\"periodSeconds\":60,\"redisTimeoutMillis\":50,\"sendHeaders\":true,\"type\":\"rate-limit\"}],\"tenantId\":\"t1\","
                + "\"upstreams\":[\"http://127.0.0.1:9000\"]}";
        String key1Json = "{\"applicationId\":\"app-1\",\"digest\":\"ZGlnZXN0\",\"expiresAt\":\"2026-11-27T10:15:30.123Z\","
                + "\"keyId\":\"key-1\",\"lookupId\":\"bwk_live_abcdefgh\",\"scopes\":[],\"tenantId\":\"t1\"}";
        String key2Json = "{\"applicationId\":\"app-1\",\"digest\":\"ZA\",\"keyId\":\"kéy-0\",\"lookupId\":\"bwk_live_zzzzzzzz\","
                + "\"scopes\":[\"a\"],\"tenantId\":\"t1\"}";
        String appJson = "{\"applicationId\":\"app-1\",\"name\":\"Shop\",\"planByApi\":{\"api-1\":\"plan-1\"},\"tenantId\":\"t1\"}";
        // "key-1" sorts before "kéy-0" (UTF-16 code units: 'e' < 'é').
        String apiKeys = digest(pair("key-1", key1Json), pair("kéy-0", key2Json));
        String content = "{\"apiKeys\":\"" + apiKeys + "\",\"apis\":\"" + digest(pair("api-1", apiJson)) + "\",\"applications\":\""
                + digest(pair("app-1", appJson)) + "\",\"environment\":\"production\",\"plans\":\"" + digest() + "\",\"schemaVersion\":2}";
        assertThat(SnapshotHash.of(snapshot)).isEqualTo(SnapshotHash.sha256(content));
    }

    private static byte[] pair(String id, String canonicalJson) throws Exception {
        byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
        byte[] leaf = MessageDigest.getInstance("SHA-256").digest(canonicalJson.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.allocate(4 + idBytes.length + 32).putInt(idBytes.length).put(idBytes).put(leaf).array();
    }

    private static String digest(byte[]... pairs) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (byte[] pair : pairs) {
            sha.update(pair);
        }
        return HexFormat.of().formatHex(sha.digest());
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

    /** A component added with NON_EMPTY leaves every snapshot that does not use it hashing as before. */
    @Test
    void emptyNonEmptyComponentsAreLeftOutAsOnTheWire() {
        ApplicationEntry plain = new ApplicationEntry("app-1", "t1", "Shop", Map.of());
        ApplicationEntry rotating = new ApplicationEntry("app-1", "t1", "Shop", Map.of(), null, List.of("app-1-1"));
        assertThat(CanonicalJson.write(plain)).isEqualTo("{\"applicationId\":\"app-1\",\"name\":\"Shop\",\"planByApi\":{},"
                + "\"tenantId\":\"t1\"}");
        assertThat(CanonicalJson.write(rotating)).isEqualTo("{\"applicationId\":\"app-1\",\"clientIds\":[\"app-1-1\"],"
                + "\"name\":\"Shop\",\"planByApi\":{},\"tenantId\":\"t1\"}");
    }

    @Test
    void controlCharactersAreEscapedAsJcsRequires() {
        assertThat(CanonicalJson.write(List.of("a\u0001b\u001f", "é"))).isEqualTo("[\"a\\u0001b\\u001f\",\"é\"]");
        assertThatThrownBy(() -> CanonicalJson.write(1.5d)).isInstanceOf(IllegalArgumentException.class);
    }
}
