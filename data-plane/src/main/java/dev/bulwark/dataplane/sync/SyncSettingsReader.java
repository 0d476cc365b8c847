package dev.bulwark.dataplane.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/** Parsing of the sync settings' values; the gateway's settings loader names the variables and collects errors. */
public final class SyncSettingsReader {
    static final String DEFAULT_LKG = ".bulwark-gw/last-known-good.bin";

    private SyncSettingsReader() {
    }

    public static URI controlPlaneUrl(String text) {
        if (text.isBlank()) {
            return null;
        }
        URI uri = URI.create(text.trim());
        if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("must be a ws:// or wss:// URL");
        }
        if (uri.getUserInfo() != null) {
            throw new IllegalArgumentException("must not carry credentials; use BULWARK_GW_CREDENTIAL");
        }
        return uri.getPath() == null || uri.getPath().isEmpty() || "/".equals(uri.getPath()) ? uri.resolve("/sync/v1") : uri;
    }

    /** The default file: under BULWARK_HOME when set, else the working directory. */
    public static String defaultLkgFile(Map<String, String> env) {
        String home = env.get("BULWARK_HOME");
        return home == null || home.isBlank() ? DEFAULT_LKG : Path.of(home, DEFAULT_LKG).toString();
    }

    public static byte[] key(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be base64");
        }
        if (key.length != 32) {
            throw new IllegalArgumentException("must decode to exactly 32 bytes (AES-256), got " + key.length);
        }
        return key;
    }

    public static byte[] keyFile(String path) {
        try {
            return key(Files.readString(Path.of(path), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot be read: " + e.getClass().getSimpleName(), e);
        }
    }
}
