package dev.bulwark.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The chart's structure, read as text (its rendering is {@link HelmTemplateRenderTest}'s): Chart.yaml,
 * values that every template reference resolves to and that are all used, the same kinds as the
 * tested Kustomize base, and the security context, probes and resources in each workload template.
 */
class HelmChartTest {
    private static final Path CHART = Path.of(System.getProperty("user.dir")).resolve("helm/bulwark");
    private static final KubernetesSerialization YAML = new KubernetesSerialization();
    private static final Pattern VALUE = Pattern.compile("\\.Values\\.([A-Za-z0-9_.]+)");
    private static final Pattern KIND = Pattern.compile("(?m)^kind: (\\w+)$");

    @Test
    void chartIsAVersion2ApplicationChart() throws Exception {
        Map<?, ?> chart = YAML.unmarshal(Files.readString(CHART.resolve("Chart.yaml")), Map.class);
        assertThat(chart.get("apiVersion")).isEqualTo("v2");
        assertThat(chart.get("name")).isEqualTo("bulwark");
        assertThat(String.valueOf(chart.get("version"))).matches("\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void everyReferencedValueIsDefinedAndEveryDefinedValueIsUsed() throws Exception {
        Map<?, ?> values = YAML.unmarshal(Files.readString(CHART.resolve("values.yaml")), Map.class);
        Set<String> referenced = new TreeSet<>();
        List<String> sources = new ArrayList<>(templates());
        sources.add(Files.readString(CHART.resolve("templates/_helpers.tpl")));
        for (String template : sources) {
            Matcher matcher = VALUE.matcher(template);
            while (matcher.find()) {
                referenced.add(matcher.group(1));
            }
        }
        for (String path : referenced) {
            assertThat(lookup(values, path)).as(".Values." + path + " is defined in values.yaml").isNotNull();
        }
        Set<String> defined = new TreeSet<>();
        leaves(values, "", defined);
        assertThat(defined).as("every value is used by a template (resources maps are used whole)")
                .allMatch(leaf -> referenced.stream().anyMatch(ref -> leaf.equals(ref) || leaf.startsWith(ref + ".")));
    }

    @Test
    void templatesDeclareTheKindsOfTheKustomizeBaseAndHardenEveryWorkload() throws Exception {
        Set<String> chartKinds = new TreeSet<>();
        for (String template : templates()) {
            Matcher matcher = KIND.matcher(template);
            while (matcher.find()) {
                chartKinds.add(matcher.group(1));
            }
            if (template.contains("kind: Deployment")) {
                assertThat(template).contains("include \"bulwark.podSecurityContext\"", "include \"bulwark.securityContext\"",
                        "livenessProbe:", "readinessProbe:", "toYaml .Values", "automountServiceAccountToken: false",
                        "mountPath: /tmp").doesNotContain("kind: Secret");
            }
        }
        String helpers = Files.readString(CHART.resolve("templates/_helpers.tpl"));
        assertThat(helpers).contains("runAsNonRoot: true", "readOnlyRootFilesystem: true", "allowPrivilegeEscalation: false",
                "drop: [ALL]", "secretKeyRef");
        Set<String> baseKinds = new TreeSet<>();
        Manifests.parse(String.join("\n---\n", baseFiles())).forEach(object -> baseKinds.add(object.getKind()));
        baseKinds.remove("ConfigMap"); // the chart passes its settings as values, not through a ConfigMap
        assertThat(chartKinds).isEqualTo(baseKinds);
    }

    @Test
    void gatewaysMountTheirOwnTlsSecretAndValuesSwitchTlsToRedisAndSyncOn() throws Exception {
        Map<?, ?> values = YAML.unmarshal(Files.readString(CHART.resolve("values.yaml")), Map.class);
        assertThat(lookup(values, "tls.redis.enabled")).as("off by default, as the Kustomize base").isEqualTo(false);
        assertThat(lookup(values, "tls.sync.enabled")).isEqualTo(false);
        assertThat(String.valueOf(lookup(values, "tls.sync.url"))).startsWith("wss://");
        assertThat(lookup(values, "tls.gatewaySecret")).as("not the control plane's Secret").isNotEqualTo(lookup(values, "tls.secret"));

        String gateway = Files.readString(CHART.resolve("templates/gateway.yaml"));
        assertThat(gateway).contains("- {name: tls, mountPath: /etc/bulwark/tls, readOnly: true}",
                "secretName: {{ .Values.tls.gatewaySecret | quote }}", "include \"bulwark.redisTlsEnv\" .");
        assertThat(Files.readString(CHART.resolve("templates/control-plane.yaml")))
                .contains("- {name: tls, mountPath: /etc/bulwark/tls, readOnly: true}", "include \"bulwark.redisTlsEnv\" .");

        // The sync's TLS files only in the enabled branch (the gateway refuses them with a ws:// URL), whose URL is the wss:// value.
        String sync = branch(gateway, "if .Values.tls.sync.enabled");
        assertThat(sync).contains("{name: BULWARK_GW_CONTROL_PLANE_URL, value: {{ .Values.tls.sync.url | quote }}}",
                "{name: BULWARK_GW_CONTROL_PLANE_CA_FILE, value: /etc/bulwark/tls/cp-ca.crt}");
        assertThat(branch(sync, "if .Values.tls.sync.clientCertificate")).contains(
                "{name: BULWARK_GW_CONTROL_PLANE_CLIENT_CERT_FILE, value: /etc/bulwark/tls/sync-client.crt}",
                "{name: BULWARK_GW_CONTROL_PLANE_CLIENT_KEY_FILE, value: /etc/bulwark/tls/sync-client.key}");
        assertThat(gateway.replace(sync, "")).doesNotContain("_CA_FILE", "_CERT_FILE", "_KEY_FILE")
                .contains("{name: BULWARK_GW_CONTROL_PLANE_URL, value: \"ws://bulwark-control-plane:8080\"}");

        // Redis's, shared by both planes, only when tls.redis.enabled; the client certificate only with clientCertificate.
        String helpers = Files.readString(CHART.resolve("templates/_helpers.tpl"));
        String redis = branch(helpers, "if .Values.tls.redis.enabled");
        assertThat(redis).contains("{name: BULWARK_REDIS_TLS_CA_FILE, value: /etc/bulwark/tls/redis-ca.crt}");
        assertThat(branch(redis, "if .Values.tls.redis.clientCertificate")).contains(
                "{name: BULWARK_REDIS_TLS_CERT_FILE, value: /etc/bulwark/tls/redis-client.crt}",
                "{name: BULWARK_REDIS_TLS_KEY_FILE, value: /etc/bulwark/tls/redis-client.key}");
        assertThat(helpers.replace(redis, "")).doesNotContain("BULWARK_REDIS_TLS_");
    }

    /** The text of the first {@code {{- <condition> }}} block up to its own else or end, nested blocks included. */
    private static String branch(String template, String condition) {
        Matcher action = Pattern.compile("\\{\\{-?\\s*(if|else|end|range|with|define)\\b([^}]*)}}").matcher(template);
        int start = -1;
        int depth = 0;
        while (action.find()) {
            String keyword = action.group(1);
            if (start < 0) {
                if (keyword.equals("if") && ("if" + action.group(2)).trim().equals(condition)) {
                    start = action.end();
                    depth = 1;
                }
            } else if (keyword.equals("end") || (keyword.equals("else") && depth == 1)) {
                if (--depth == 0 || keyword.equals("else")) {
                    return template.substring(start, action.start());
                }
            } else if (!keyword.equals("else")) {
                depth++;
            }
        }
        throw new AssertionError("no complete block {{- " + condition + " }}");
    }

    private static Object lookup(Map<?, ?> values, String path) {
        Object current = values;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    private static void leaves(Map<?, ?> map, String prefix, Set<String> into) {
        map.forEach((key, value) -> {
            String path = prefix + key;
            if (value instanceof Map<?, ?> child) {
                leaves(child, path + ".", into);
            } else {
                into.add(path);
            }
        });
    }

    private static List<String> templates() throws Exception {
        try (Stream<Path> files = Files.list(CHART.resolve("templates"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().map(HelmChartTest::read).toList();
        }
    }

    private static List<String> baseFiles() throws Exception {
        try (Stream<Path> files = Files.list(Manifests.ROOT.resolve("base"))) {
            return files.filter(f -> !f.endsWith("kustomization.yaml")).sorted().map(HelmChartTest::read).toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
