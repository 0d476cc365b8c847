package dev.bulwark.contracts.snapshot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * THE content hash of a snapshot: both planes and every compiler use this function and no other.
 *
 * <p>It is the lower-case hex SHA-256 of the UTF-8 {@link CanonicalJson} of the object
 * {@code {schemaVersion, environment, apis, plans, applications, apiKeys}}, where each of the four
 * collections is sorted by its id ({@code apiId}, {@code planId}, {@code applicationId},
 * {@code keyId}). {@code version}, {@code contentHash} and {@code createdAt} are not content: the
 * same configuration published twice hashes the same, which is what lets the control plane skip
 * publishing an unchanged configuration. Lists inside entries (operations, policies, scopes) keep
 * their order, which can be meaningful; a compiler must emit them deterministically.
 */
public final class SnapshotHash {
    private SnapshotHash() {
    }

    public static String of(Snapshot snapshot) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("schemaVersion", snapshot.schemaVersion());
        content.put("environment", snapshot.environment());
        content.put("apis", byId(snapshot.apis(), ApiEntry::apiId));
        content.put("plans", byId(snapshot.plans(), PlanEntry::planId));
        content.put("applications", byId(snapshot.applications(), ApplicationEntry::applicationId));
        content.put("apiKeys", byId(snapshot.apiKeys(), ApiKeyEntry::keyId));
        return sha256(CanonicalJson.write(content));
    }

    /** The same snapshot carrying its content hash. */
    public static Snapshot stamped(Snapshot snapshot) {
        return new Snapshot(snapshot.schemaVersion(), snapshot.version(), snapshot.environment(), of(snapshot),
                snapshot.createdAt(), snapshot.apis(), snapshot.plans(), snapshot.applications(), snapshot.apiKeys());
    }

    /** True when the snapshot's declared hash is the hash of its content. */
    public static boolean verifies(Snapshot snapshot) {
        return snapshot.contentHash() != null && MessageDigest.isEqual(
                snapshot.contentHash().getBytes(StandardCharsets.US_ASCII), of(snapshot).getBytes(StandardCharsets.US_ASCII));
    }

    private static <T> List<T> byId(List<T> entries, Function<T, String> id) {
        return entries.stream().sorted(Comparator.comparing(id, Comparator.nullsFirst(Comparator.naturalOrder()))).toList();
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
