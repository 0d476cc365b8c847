package dev.bulwark.dataplane.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.contracts.snapshot.Snapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LastKnownGoodTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path directory;

    @Test
    void roundTripsTheSnapshotEncryptedAndOwnerOnly() throws Exception {
        Path file = directory.resolve("state/lkg.bin");
        LastKnownGood store = new LastKnownGood(file, key());
        Snapshot snapshot = Snapshots.version(7, "production");

        store.store(snapshot);

        assertThat(store.load()).contains(snapshot);
        byte[] bytes = Files.readAllBytes(file);
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("bwk_live_abcdefgh").doesNotContain("Orders");
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing).containsExactly(file);
        }
    }

    @Test
    void eachWriteUsesAFreshNonce() throws Exception {
        LastKnownGood store = new LastKnownGood(directory.resolve("lkg.bin"), key());
        Snapshot snapshot = Snapshots.version(3, "staging");
        store.store(snapshot);
        byte[] first = Files.readAllBytes(store.file());
        store.store(snapshot);
        byte[] second = Files.readAllBytes(store.file());
        assertThat(second).isNotEqualTo(first);
        assertThat(store.load()).contains(snapshot);
    }

    @Test
    void anyFlippedByteIsRefused() throws Exception {
        LastKnownGood store = new LastKnownGood(directory.resolve("lkg.bin"), key());
        store.store(Snapshots.version(5, "production"));
        byte[] original = Files.readAllBytes(store.file());
        for (int position : new int[] {8, 16, 30, original.length / 2, original.length - 1}) {
            byte[] tampered = original.clone();
            tampered[position] ^= 0x01;
            Files.write(store.file(), tampered);
            assertThatThrownBy(store::load).as("byte " + position).isInstanceOf(LastKnownGoodException.class);
        }
    }

    @Test
    void aWrongKeyIsRefused() throws Exception {
        Path file = directory.resolve("lkg.bin");
        new LastKnownGood(file, key()).store(Snapshots.version(5, "production"));
        assertThatThrownBy(() -> new LastKnownGood(file, key()).load()).isInstanceOf(LastKnownGoodException.class)
                .hasMessageContaining("failed authentication");
    }

    @Test
    void noFileIsNoSnapshotAndGarbageIsRefused() throws Exception {
        LastKnownGood store = new LastKnownGood(directory.resolve("absent.bin"), key());
        assertThat(store.load()).isEmpty();
        Files.writeString(store.file(), "not a snapshot at all, just some text of a decent length");
        assertThatThrownBy(store::load).isInstanceOf(LastKnownGoodException.class).hasMessageContaining("not a last-known-good file");
    }

    @Test
    void aFileOfTheOldSchemaIsRefusedCleanly() throws Exception {
        // Written by the previous release: schema 1 and its whole-document hash, sealed under the right key.
        Snapshot current = Snapshots.version(5, "production");
        Snapshot old = new Snapshot(1, current.version(), current.environment(), "0".repeat(64), current.createdAt(), current.apis(),
                current.plans(), current.applications(), current.apiKeys());
        LastKnownGood store = new LastKnownGood(directory.resolve("lkg.bin"), key());
        store.store(old);
        assertThatThrownBy(store::load).isInstanceOf(LastKnownGoodException.class)
                .hasMessageContaining("schema version 1").hasMessageContaining("reads version " + Snapshot.SCHEMA_VERSION);
    }

    static byte[] key() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }
}
