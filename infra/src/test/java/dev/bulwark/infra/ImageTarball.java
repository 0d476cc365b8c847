package dev.bulwark.infra;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A {@code docker save}-format tarball as Jib's {@code buildTar} writes it: {@code manifest.json}, the
 * image configuration it names, and gzip-compressed layer tarballs. Read with the JDK alone, so the
 * test needs no container engine.
 */
record ImageTarball(Path file, Map<String, Object> manifest, Map<String, Object> config, Map<String, byte[]> entries) {
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    @SuppressWarnings("unchecked")
    static ImageTarball read(Path file) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file)) {
            Tar.each(in, (entry, content) -> entries.put(entry.name(), content.readAllBytes()));
        }
        Map<String, Object> manifest = ((List<Map<String, Object>>) json(entries.get("manifest.json"), List.class)).getFirst();
        Map<String, Object> config = json(entries.get((String) manifest.get("Config")), Map.class);
        return new ImageTarball(file, manifest, config, entries);
    }

    /** The container settings ({@code config} of the image configuration). */
    @SuppressWarnings("unchecked")
    Map<String, Object> container() {
        return (Map<String, Object>) config.get("config");
    }

    @SuppressWarnings("unchecked")
    List<String> layers() {
        return (List<String>) manifest.get("Layers");
    }

    /** Every file of every layer, by absolute path, with its mode; a later layer wins. */
    Map<String, Tar.Entry> files() throws IOException {
        Map<String, Tar.Entry> files = new LinkedHashMap<>();
        for (String layer : layers()) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(entries.get(layer)))) {
                Tar.each(in, (entry, content) -> files.put("/" + entry.name().replaceFirst("^\\./", "").replaceFirst("/$", ""), entry));
            }
        }
        return files;
    }

    /** The text of one file of the image. */
    String text(String path) throws IOException {
        ByteArrayOutputStream found = new ByteArrayOutputStream();
        for (String layer : layers()) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(entries.get(layer)))) {
                Tar.each(in, (entry, content) -> {
                    if (("/" + entry.name()).equals(path)) {
                        found.reset();
                        content.transferTo(found);
                    }
                });
            }
        }
        return found.toString(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static <T> T json(byte[] bytes, Class<?> type) {
        return (T) JSON.unmarshal(new String(bytes, StandardCharsets.UTF_8), type);
    }
}
