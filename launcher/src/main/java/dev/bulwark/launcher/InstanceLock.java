package dev.bulwark.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

/**
 * One running platform per data folder. An OS file lock, not a pid file: it disappears with the
 * process however it dies, so a crash never leaves a stale lock behind.
 */
final class InstanceLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static InstanceLock acquire(Path home) {
        Path file = home.resolve("bulwark.lock");
        try {
            Files.createDirectories(home);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String owner = Files.readString(file, StandardCharsets.UTF_8).trim();
                channel.close();
                throw new LaunchException("Bulwark is already running with data in " + home
                        + (owner.isEmpty() ? "" : " (pid " + owner + ")") + "; stop it first (Ctrl-C in its terminal)");
            }
            channel.truncate(0);
            channel.write(java.nio.ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
            return new InstanceLock(channel, lock);
        } catch (IOException e) {
            throw new LaunchException("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // The OS releases the lock when the process exits anyway.
        }
    }

    /**
     * The pid of the process holding the lock of this data folder, or empty when no platform runs
     * there. Probes with a lock of its own, released at once.
     */
    static OptionalLong holder(Path home) {
        Path file = home.resolve("bulwark.lock");
        if (!Files.exists(file)) {
            return OptionalLong.empty();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock probe;
            try {
                probe = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                probe = null; // held by this very process
            }
            if (probe != null) {
                probe.release();
                return OptionalLong.empty();
            }
            String owner = Files.readString(file, StandardCharsets.UTF_8).trim();
            return owner.matches("\\d{1,19}") ? OptionalLong.of(Long.parseLong(owner)) : OptionalLong.of(-1);
        } catch (IOException e) {
            throw new LaunchException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
