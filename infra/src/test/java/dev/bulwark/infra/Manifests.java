package dev.bulwark.infra;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Renders a Kustomize layout with {@code kubectl kustomize} and parses it into Kubernetes model objects. */
final class Manifests {
    static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve("kubernetes");
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    private Manifests() {
    }

    static List<HasMetadata> render(String layout) {
        Assumptions.assumeTrue(onPath("kubectl"), "kubectl >= 1.27 (Kustomize v5) renders the layouts; the parse-only test still runs without it");
        try {
            Process process = new ProcessBuilder("kubectl", "kustomize", ROOT.resolve(layout).toString())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + layout + " failed: " + output);
            }
            return parse(output);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Each YAML document as its typed Kubernetes object; an unknown kind or field fails. */
    static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (!document.isBlank()) {
                Object parsed = YAML.unmarshal(document);
                if (!(parsed instanceof HasMetadata object) || object.getClass().getSimpleName().equals("GenericKubernetesResource")) {
                    throw new AssertionError("not a known Kubernetes object: " + document);
                }
                objects.add(object);
            }
        }
        return objects;
    }

    static <T extends HasMetadata> List<T> of(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static <T extends HasMetadata> T named(List<HasMetadata> objects, Class<T> type, String name) {
        return of(objects, type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }

    static String configValue(List<HasMetadata> objects, String key) {
        return named(objects, ConfigMap.class, "bulwark-config").getData().get(key);
    }

    /**
     * The variables a container starts with and their values: its ConfigMaps' data ({@code envFrom}),
     * then its own {@code env}, ConfigMap references resolved; a Secret reference reads
     * {@code secret:<name>/<key>}, its value being outside the manifests.
     */
    static Map<String, String> environment(List<HasMetadata> objects, Container container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource source : container.getEnvFrom() == null ? List.<EnvFromSource>of() : container.getEnvFrom()) {
            if (source.getConfigMapRef() != null) {
                env.putAll(named(objects, ConfigMap.class, source.getConfigMapRef().getName()).getData());
            }
        }
        for (EnvVar variable : container.getEnv()) {
            EnvVarSource from = variable.getValueFrom();
            if (from == null) {
                env.put(variable.getName(), variable.getValue());
            } else if (from.getConfigMapKeyRef() != null) {
                env.put(variable.getName(), named(objects, ConfigMap.class, from.getConfigMapKeyRef().getName()).getData()
                        .get(from.getConfigMapKeyRef().getKey()));
            } else if (from.getSecretKeyRef() != null) {
                env.put(variable.getName(), "secret:" + from.getSecretKeyRef().getName() + "/" + from.getSecretKeyRef().getKey());
            }
        }
        return env;
    }

    /** The Secret whose files a read-only mount of the container shows at {@code path}'s folder; null: none. */
    static String secretBehind(Deployment deployment, Container container, String path) {
        for (VolumeMount mount : container.getVolumeMounts()) {
            if (Boolean.TRUE.equals(mount.getReadOnly()) && path.startsWith(mount.getMountPath() + "/")) {
                for (Volume volume : deployment.getSpec().getTemplate().getSpec().getVolumes()) {
                    if (volume.getName().equals(mount.getName()) && volume.getSecret() != null) {
                        return volume.getSecret().getSecretName();
                    }
                }
            }
        }
        return null;
    }

    private static boolean onPath(String binary) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, binary))) {
                return true;
            }
        }
        return false;
    }
}
