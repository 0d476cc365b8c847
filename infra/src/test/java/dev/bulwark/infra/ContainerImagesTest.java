package dev.bulwark.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The image tarballs the build made (target/*-image.tar of both planes) carry what the Kubernetes
 * layout assumes: the non-root user it runs as, the ports its probes and Services name, and a Java
 * runtime that needs nothing from a base image.
 */
@SuppressWarnings("unchecked")
class ContainerImagesTest {

    static List<Arguments> images() {
        return List.of(
                Arguments.of("control-plane", "bulwark-control-plane", "dev.bulwark.controlplane.Application"),
                Arguments.of("data-plane", "bulwark-gateway", "dev.bulwark.dataplane.Gateway"));
    }

    static Path tarball(String module) {
        return Path.of(System.getProperty("bulwark.root")).resolve(module).resolve("target").resolve(module + "-image.tar");
    }

    @ParameterizedTest
    @MethodSource("images")
    void theImageRunsTheKubernetesLayoutsUserPortsAndProbes(String module, String deploymentName, String mainClass) throws IOException {
        ImageTarball image = ImageTarball.read(tarball(module));
        Map<String, Object> container = image.container();
        Container declared = Manifests.named(Manifests.parse(Files.readString(Manifests.ROOT.resolve("base")
                .resolve(module.equals("data-plane") ? "gateway.yaml" : "control-plane.yaml"))), Deployment.class, deploymentName)
                .getSpec().getTemplate().getSpec().getContainers().getFirst();

        assertThat(image.manifest().get("RepoTags")).asList().singleElement().asString().startsWith("bulwark/" + module + ":");
        assertThat(image.config()).containsEntry("os", "linux").containsEntry("architecture", "amd64");
        assertThat(container.get("User")).as("numeric, so runAsNonRoot can verify it").isEqualTo("10001:10001");
        assertThat((List<String>) container.get("Entrypoint"))
                .startsWith("/opt/java/bin/java")
                .contains("-Djava.io.tmpdir=/tmp")
                .containsSequence("-cp", "@/app/jib-classpath-file")
                .endsWith(mainClass);

        Map<Integer, String> declaredPorts = declared.getPorts().stream()
                .collect(Collectors.toMap(ContainerPort::getContainerPort, ContainerPort::getName));
        assertThat(((Map<String, Object>) container.get("ExposedPorts")).keySet())
                .containsExactlyInAnyOrderElementsOf(declaredPorts.keySet().stream().map(port -> port + "/tcp").toList());

        Map<String, String> labels = (Map<String, String>) container.get("Labels");
        assertThat(labels).containsEntry("org.opencontainers.image.title", "bulwark/" + module)
                .containsEntry("org.opencontainers.image.base.name", "scratch")
                .containsKey("org.opencontainers.image.version");
        String probePort = declaredPorts.entrySet().stream()
                .filter(port -> port.getValue().equals(declared.getReadinessProbe().getHttpGet().getPort().getStrVal()))
                .map(port -> String.valueOf(port.getKey())).findFirst().orElseThrow();
        assertThat(labels).containsEntry("dev.bulwark.probe.readiness", probePort + "/health/ready")
                .containsEntry("dev.bulwark.probe.liveness", probePort + "/health/live");
    }

    @ParameterizedTest
    @MethodSource("images")
    void theRootFilesystemHoldsARuntimeAndItsLibrariesAndNothingTheUserMayChange(String module, String ignored, String mainClass) throws IOException {
        ImageTarball image = ImageTarball.read(tarball(module));
        Map<String, Tar.Entry> files = image.files();

        assertThat(files.get("/opt/java/bin/java").mode() & 0111).as("java is executable").isEqualTo(0111);
        assertThat(files).containsKeys("/opt/java/lib/server/libjvm.so", "/opt/java/lib/modules",
                "/lib64/ld-linux-x86-64.so.2", "/lib/x86_64-linux-gnu/libc.so.6", "/app/jib-classpath-file", "/tmp");
        assertThat(image.text("/etc/passwd")).contains("bulwark:x:10001:10001:");
        assertThat(image.text("/opt/java/release")).contains("MODULES=");
        assertThat(files.values()).as("no setuid/setgid file, nothing writable but /tmp")
                .allSatisfy(file -> assertThat(file.mode() & 06000).as(file.name()).isZero())
                .filteredOn(file -> (file.mode() & 0002) != 0)
                .extracting(Tar.Entry::name).allMatch(name -> name.replaceAll("^\\.?/|/$", "").equals("tmp"));
        assertThat(image.text("/app/jib-main-class-file").trim()).isEqualTo(mainClass);
    }
}
