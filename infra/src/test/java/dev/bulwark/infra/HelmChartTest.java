package dev.bulwark.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The chart's structure, checked without Helm (no Helm binary on these machines, so templates are
 * not rendered here): Chart.yaml, values that every template reference resolves to and that are all
 * used, the same kinds as the tested Kustomize base, and the security context, probes and resources
 * in each workload template.
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
        for (String template : templates()) {
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

    private static java.util.List<String> templates() throws Exception {
        try (Stream<Path> files = Files.list(CHART.resolve("templates"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().map(HelmChartTest::read).toList();
        }
    }

    private static java.util.List<String> baseFiles() throws Exception {
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
