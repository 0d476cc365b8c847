package dev.bulwark.dataplane.sync;

import dev.bulwark.contracts.snapshot.IndexedSnapshot;
import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.contracts.snapshot.SnapshotHash;
import java.io.ByteArrayInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.CipherOutputStream;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The last snapshot the gateway applied, encrypted on disk so that a restart during a
 * control-plane outage serves at once. Blocking I/O: call from a worker thread only.
 *
 * <p>File layout: {@code "BWLKG1"} · version (8 bytes, big-endian) · environment length (2) ·
 * environment (UTF-8) · nonce (12 random bytes, fresh per write) · AES-256-GCM ciphertext of the
 * gzip-compressed snapshot JSON with its 128-bit tag. Everything before the nonce is the
 * associated data, so a header edited to claim another version or environment fails
 * authentication like a flipped ciphertext byte or a wrong key does.
 */
public final class LastKnownGood {
    private static final byte[] MAGIC = "BWLKG1".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Path file;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public LastKnownGood(Path file, byte[] key) {
        if (key == null || key.length != 32) {
            throw new IllegalArgumentException("the last-known-good key must be 32 bytes");
        }
        this.file = file.toAbsolutePath();
        this.key = new SecretKeySpec(key, "AES");
    }

    public Path file() {
        return file;
    }

    /**
     * Writes atomically: a crash leaves the previous file or the new one, never a torn one. The
     * snapshot is streamed (JSON → gzip → AES-GCM → file), so 100,000 keys need no buffer of their size.
     */
    public void store(Snapshot snapshot) throws IOException {
        byte[] header = header(snapshot.version(), snapshot.environment());
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        Cipher cipher;
        try {
            cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(header);
        } catch (GeneralSecurityException e) {
            throw new IOException("AES-GCM is unavailable", e);
        }
        Path directory = file.getParent();
        Files.createDirectories(directory);
        Path temp = Files.createTempFile(directory, ".lkg-", ".tmp", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream file = new KeepOpen(new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024));
                file.write(header);
                file.write(nonce);
                // Closing the gzip stream finishes the cipher (writing the tag) and flushes, but leaves the channel open.
                try (GZIPOutputStream gzip = new GZIPOutputStream(new CipherOutputStream(file, cipher), 64 * 1024)) {
                    SyncJson.write(snapshot, gzip);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, this.file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, this.file, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(directory);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Flushes instead of closing, so the channel can be forced to disk before it closes. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    /**
     * The stored snapshot; empty when there is no file.
     *
     * @throws LastKnownGoodException when the file is unreadable, tampered with or sealed under another key
     */
    public Optional<Snapshot> load() throws LastKnownGoodException {
        return loadIndexed().map(IndexedSnapshot::snapshot);
    }

    /** {@link #load()}, indexed with its entry hashes (computed once, to verify it), ready for deltas. */
    public Optional<IndexedSnapshot> loadIndexed() throws LastKnownGoodException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new LastKnownGoodException("cannot read " + file + ": " + e.getClass().getSimpleName(), e);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (bytes.length < MAGIC.length + 10 + NONCE_BYTES + TAG_BITS / 8
                || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new LastKnownGoodException(file + " is not a last-known-good file");
        }
        in.position(MAGIC.length);
        long version = in.getLong();
        int environmentLength = Short.toUnsignedInt(in.getShort());
        if (in.remaining() < environmentLength + NONCE_BYTES + TAG_BITS / 8) {
            throw new LastKnownGoodException(file + " is truncated");
        }
        in.position(in.position() + environmentLength);
        byte[] header = Arrays.copyOf(bytes, in.position());
        byte[] nonce = new byte[NONCE_BYTES];
        in.get(nonce);
        byte[] plain;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(header);
            plain = cipher.doFinal(bytes, in.position(), in.remaining());
        } catch (AEADBadTagException e) {
            throw new LastKnownGoodException(file + " failed authentication: it was modified, or sealed under another key");
        } catch (GeneralSecurityException e) {
            throw new LastKnownGoodException("cannot decrypt " + file + ": " + e.getClass().getSimpleName(), e);
        }
        Snapshot snapshot;
        try {
            snapshot = SyncJson.snapshot(gunzip(plain));
        } catch (IOException e) {
            throw new LastKnownGoodException(file + " holds no readable snapshot", e);
        }
        if (snapshot.schemaVersion() != Snapshot.SCHEMA_VERSION) {
            // Written by an older release (another hash definition): unusable, but never fatal.
            throw new LastKnownGoodException(file + " holds a snapshot of schema version " + snapshot.schemaVersion()
                    + "; this gateway reads version " + Snapshot.SCHEMA_VERSION);
        }
        String environment = new String(header, MAGIC.length + 10, environmentLength, StandardCharsets.UTF_8);
        IndexedSnapshot indexed;
        try {
            indexed = IndexedSnapshot.of(snapshot);
        } catch (IllegalArgumentException e) {
            throw new LastKnownGoodException(file + " holds an inconsistent snapshot: " + e.getMessage());
        }
        if (snapshot.version() != version || !environment.equals(snapshot.environment())
                || !SnapshotHash.matches(snapshot.contentHash(), indexed.contentHash())) {
            throw new LastKnownGoodException(file + " holds a snapshot inconsistent with its header or its content hash");
        }
        return Optional.of(indexed);
    }

    private static byte[] header(long version, String environment) {
        byte[] name = environment.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(MAGIC.length + 10 + name.length).put(MAGIC).putLong(version).putShort((short) name.length)
                .put(name).array();
    }

    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory for sync; the rename is still atomic there.
        }
    }

    private static byte[] gunzip(byte[] data) throws IOException {
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return gzip.readAllBytes();
        }
    }
}
