package dev.bulwark.controlplane.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.contracts.sync.SyncMessage;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** JSON of sync messages, and the gzip-compressed deltas and checkpoints stored per published version. */
@Singleton
public final class SyncJson {
    private final ObjectMapper mapper;

    public SyncJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String write(SyncMessage message) {
        try {
            return mapper.writeValueAsString(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SyncMessage read(String text) throws IOException {
        return mapper.readValue(text, SyncMessage.class);
    }

    public byte[] compress(Object document) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            mapper.writeValue(gzip, document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public <T> T decompress(byte[] document, Class<T> type) {
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(document))) {
            return mapper.readValue(gzip, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
