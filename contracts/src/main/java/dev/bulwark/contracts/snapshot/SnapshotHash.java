package dev.bulwark.contracts.snapshot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * THE content hash of a snapshot: both planes and every compiler use this function and no other.
 *
 * <p>Since schema version 2 it is a two-level (Merkle) hash, so that it can be maintained as entries
 * change ({@link IndexedSnapshot}, {@link EntryTable}):
 * <ol>
 *   <li><b>leaf</b> of an entry: SHA-256 of the UTF-8 {@link CanonicalJson} of the entry;</li>
 *   <li><b>digest</b> of a collection ({@code apis}, {@code plans}, {@code applications},
 *       {@code apiKeys}): SHA-256 over its entries in id order ({@link String#compareTo}), each
 *       contributing the UTF-8 length of its id as 4 bytes big-endian, the id in UTF-8, and its
 *       32-byte leaf;</li>
 *   <li><b>content hash</b>: lower-case hex SHA-256 of the canonical JSON of
 *       {@code {schemaVersion, environment, apis, plans, applications, apiKeys}} where each
 *       collection is the lower-case hex of its digest.</li>
 * </ol>
 * {@code version}, {@code contentHash} and {@code createdAt} are not content: the same configuration
 * published twice hashes the same. Lists inside entries (operations, policies, scopes) keep their
 * order, which can be meaningful; a compiler must emit them deterministically.
 */
public final class SnapshotHash {
    private static final HexFormat HEX = HexFormat.of();

    private SnapshotHash() {
    }

    /** Hashes every entry: O(snapshot). Keep an {@link IndexedSnapshot} to hash changes incrementally. */
    public static String of(Snapshot snapshot) {
        return IndexedSnapshot.of(snapshot).contentHash();
    }

    /** The same snapshot carrying its content hash. */
    public static Snapshot stamped(Snapshot snapshot) {
        return new Snapshot(snapshot.schemaVersion(), snapshot.version(), snapshot.environment(), of(snapshot),
                snapshot.createdAt(), snapshot.apis(), snapshot.plans(), snapshot.applications(), snapshot.apiKeys());
    }

    /** True when the snapshot's declared hash is the hash of its content. */
    public static boolean verifies(Snapshot snapshot) {
        return snapshot.contentHash() != null && matches(snapshot.contentHash(), of(snapshot));
    }

    /** Constant-time comparison of two hex hashes. */
    public static boolean matches(String declared, String computed) {
        return declared != null && computed != null && MessageDigest.isEqual(
                declared.getBytes(StandardCharsets.US_ASCII), computed.getBytes(StandardCharsets.US_ASCII));
    }

    /** The leaf hash of one entry (32 bytes). */
    public static byte[] leaf(Object entry) {
        return sha256().digest(CanonicalJson.write(entry).getBytes(StandardCharsets.UTF_8));
    }

    static String combine(int schemaVersion, String environment, byte[] apis, byte[] plans, byte[] applications, byte[] apiKeys) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("schemaVersion", schemaVersion);
        content.put("environment", environment);
        content.put("apis", HEX.formatHex(apis));
        content.put("plans", HEX.formatHex(plans));
        content.put("applications", HEX.formatHex(applications));
        content.put("apiKeys", HEX.formatHex(apiKeys));
        return sha256(CanonicalJson.write(content));
    }

    static String sha256(String text) {
        return HEX.formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
