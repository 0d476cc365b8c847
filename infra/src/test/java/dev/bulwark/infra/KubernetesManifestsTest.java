package dev.bulwark.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Every Kustomize layout renders (Debian's {@code kubectl kustomize}, offline) into objects the
 * Kubernetes model accepts, and every workload carries what production needs: probes on its own
 * ports, requests and limits, a non-root, read-only container, secrets referenced, never inlined.
 */
class KubernetesManifestsTest {

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/trial", "overlays/production"})
    void everyLayoutRendersIntoValidObjectsWithProbesLimitsAndANonRootReadOnlyContainer(String layout) {
        List<HasMetadata> objects = Manifests.render(layout);

        assertThat(objects).extracting(HasMetadata::getKind).containsOnly("ConfigMap", "Deployment", "Service",
                "PodDisruptionBudget", "HorizontalPodAutoscaler", "NetworkPolicy");
        assertThat(objects).as("secrets are referenced, never inlined").noneMatch(o -> o.getKind().equals("Secret"));
        assertThat(Manifests.of(objects, Deployment.class)).hasSize(2).allSatisfy(deployment -> {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
            assertThat(pod.getAutomountServiceAccountToken()).isFalse();
            assertThat(deployment.getSpec().getSelector().getMatchLabels())
                    .isEqualTo(Map.of("app.kubernetes.io/name", deployment.getMetadata().getName()));
            for (Container container : pod.getContainers()) {
                assertThat(container.getImage()).startsWith("bulwark/");
                assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
                assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
                assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
                assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
                assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
                assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/live");
                assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
                assertThat(container.getVolumeMounts()).as("a writable /tmp on a read-only root")
                        .anyMatch(mount -> mount.getMountPath().equals("/tmp"));
                for (EnvVar env : container.getEnv()) {
                    assertThat(env.getValue() == null || !looksSecret(env.getName()))
                            .as(env.getName() + " comes from a secret").isTrue();
                    if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                        assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("bulwark-secrets");
                    }
                }
            }
        });
        Deployment gateway = Manifests.named(objects, Deployment.class, "bulwark-gateway");
        Container gw = gateway.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(gw.getLivenessProbe().getHttpGet().getPort().getStrVal()).as("probes on the status port").isEqualTo("status");
        assertThat(gw.getPorts()).anyMatch(port -> port.getName().equals("status") && port.getContainerPort() == 8100);
        assertThat(Manifests.named(objects, HorizontalPodAutoscaler.class, "bulwark-gateway").getSpec().getScaleTargetRef().getName())
                .isEqualTo("bulwark-gateway");
        assertThat(Manifests.of(objects, PodDisruptionBudget.class)).hasSize(2);
        assertThat(Manifests.of(objects, NetworkPolicy.class)).anySatisfy(policy -> {
            assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
            assertThat(policy.getSpec().getIngress()).as("default deny").isNullOrEmpty();
        });
        for (Service service : Manifests.of(objects, Service.class)) {
            String app = service.getSpec().getSelector().get("app.kubernetes.io/name");
            assertThat(Manifests.of(objects, Deployment.class)).as(service.getMetadata().getName() + " selects a workload")
                    .anyMatch(d -> d.getMetadata().getName().equals(app));
        }
    }

    @Test
    void productionRunsThreeControlPlanesAndAutoscalesGatewaysOnARedisCluster() {
        List<HasMetadata> objects = Manifests.render("overlays/production");

        assertThat(objects).allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("bulwark"));
        assertThat(Manifests.named(objects, Deployment.class, "bulwark-control-plane").getSpec().getReplicas()).isEqualTo(3);
        HorizontalPodAutoscaler hpa = Manifests.named(objects, HorizontalPodAutoscaler.class, "bulwark-gateway");
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(3);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(20);
        assertThat(Manifests.named(objects, PodDisruptionBudget.class, "bulwark-gateway").getSpec().getMinAvailable().getIntVal())
                .isEqualTo(2);
        assertThat(Manifests.named(objects, Deployment.class, "bulwark-gateway").getSpec().getTemplate().getSpec()
                .getTopologySpreadConstraints()).extracting(c -> c.getTopologyKey())
                .containsExactly("topology.kubernetes.io/zone", "kubernetes.io/hostname");
        assertThat(Manifests.configValue(objects, "BULWARK_REDIS_CLUSTER")).isEqualTo("true");
    }

    @Test
    void theTrialFitsOneNode() {
        List<HasMetadata> objects = Manifests.render("overlays/trial");

        assertThat(Manifests.of(objects, Deployment.class)).allSatisfy(d -> assertThat(d.getSpec().getReplicas()).isEqualTo(1));
        assertThat(Manifests.named(objects, PodDisruptionBudget.class, "bulwark-gateway").getSpec().getMinAvailable().getIntVal())
                .as("a single node can be drained").isZero();
        assertThat(Manifests.named(objects, Service.class, "bulwark-gateway").getSpec().getType()).isEqualTo("NodePort");
        assertThat(Manifests.configValue(objects, "BULWARK_REDIS_CLUSTER")).isEqualTo("false");
    }

    @Test
    void everyBaseFileParsesWithoutKubectl() throws Exception {
        List<HasMetadata> objects = new java.util.ArrayList<>();
        try (var files = java.nio.file.Files.list(Manifests.ROOT.resolve("base"))) {
            for (java.nio.file.Path file : files.filter(f -> !f.endsWith("kustomization.yaml")).sorted().toList()) {
                objects.addAll(Manifests.parse(java.nio.file.Files.readString(file)));
            }
        }
        assertThat(objects).hasSize(12);
        assertThat(Manifests.of(objects, Deployment.class)).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrder("bulwark-control-plane", "bulwark-gateway");
    }

    private static boolean looksSecret(String name) {
        return name.contains("PASSWORD") || name.contains("PEPPER") || name.contains("KEK") || name.contains("CREDENTIAL")
                || name.endsWith("_KEY") || name.equals("BULWARK_REDIS_URL");
    }

}
