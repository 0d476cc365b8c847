package dev.bulwark.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
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
 * ports, requests and limits, a non-root, read-only container, secrets referenced, never inlined,
 * and every TLS file a variable names on a read-only mount of that plane's own Secret.
 */
class KubernetesManifestsTest {
    private static final String TLS_FOLDER = Workloads.TLS_FOLDER;
    private static final String[] REDIS_TLS = Workloads.REDIS_TLS;
    private static final String[] SYNC_TLS = Workloads.SYNC_TLS;

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/trial", "overlays/production"})
    void everyLayoutRendersIntoValidObjectsWithProbesLimitsAndANonRootReadOnlyContainer(String layout) {
        List<HasMetadata> objects = Manifests.render(layout);

        assertThat(objects).extracting(HasMetadata::getKind).containsOnly("ConfigMap", "Deployment", "Service",
                "PodDisruptionBudget", "HorizontalPodAutoscaler", "NetworkPolicy");
        assertThat(objects).as("secrets are referenced, never inlined").noneMatch(o -> o.getKind().equals("Secret"));
        assertThat(Manifests.of(objects, Deployment.class)).hasSize(2).allSatisfy(deployment -> {
            Workloads.assertHardened(deployment, "bulwark-secrets");
            assertThat(deployment.getSpec().getSelector().getMatchLabels())
                    .isEqualTo(Map.of("app.kubernetes.io/name", deployment.getMetadata().getName()));
        });
        // verify-full needs the CA file the URL names: it must be on a volume the control plane mounts
        // (otherwise the driver looks for /tmp/.postgresql/root.crt and every connection fails).
        String databaseUrl = Manifests.named(objects, ConfigMap.class, "bulwark-config").getData().get("BULWARK_DB_URL");
        assertThat(databaseUrl).contains("sslmode=verify-full").containsPattern("sslrootcert=/[^&]+");
        String rootCert = databaseUrl.replaceAll(".*sslrootcert=([^&]+).*", "$1");
        Container controlPlane = Manifests.named(objects, Deployment.class, "bulwark-control-plane").getSpec().getTemplate()
                .getSpec().getContainers().getFirst();
        assertThat(controlPlane.getVolumeMounts()).as("the CA file " + rootCert + " is mounted read-only")
                .anyMatch(mount -> rootCert.startsWith(mount.getMountPath() + "/") && Boolean.TRUE.equals(mount.getReadOnly()));
        Deployment gateway = Manifests.named(objects, Deployment.class, "bulwark-gateway");
        Container gw = gateway.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(Manifests.secretBehind(gateway, gw, TLS_FOLDER + "any.crt")).as("the gateways' own TLS Secret, read-only")
                .isEqualTo("bulwark-gateway-tls");
        for (Deployment deployment : Manifests.of(objects, Deployment.class)) {
            Workloads.assertTlsFilesAreOnTheirOwnSecret(objects, deployment);
        }
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

        // TLS on every hop: both planes to Redis with client certificates, the gateways' sync over wss with mutual TLS.
        Map<String, String> gateway = Workloads.environment(objects, "bulwark-gateway");
        assertThat(gateway).containsKeys(REDIS_TLS).containsKeys(SYNC_TLS);
        assertThat(gateway.get("BULWARK_GW_CONTROL_PLANE_URL")).startsWith("wss://");
        assertThat(Workloads.environment(objects, "bulwark-control-plane")).containsKeys(REDIS_TLS);
    }

    @Test
    void theTrialFitsOneNode() {
        List<HasMetadata> objects = Manifests.render("overlays/trial");

        assertThat(Manifests.of(objects, Deployment.class)).allSatisfy(d -> assertThat(d.getSpec().getReplicas()).isEqualTo(1));
        assertThat(Manifests.named(objects, PodDisruptionBudget.class, "bulwark-gateway").getSpec().getMinAvailable().getIntVal())
                .as("a single node can be drained").isZero();
        assertThat(Manifests.named(objects, Service.class, "bulwark-gateway").getSpec().getType()).isEqualTo("NodePort");
        assertThat(Manifests.configValue(objects, "BULWARK_REDIS_CLUSTER")).isEqualTo("false");
        // Plain Redis and in-cluster ws:// sync, as the base: a trial needs no PKI beyond the database's CA.
        assertThat(Workloads.environment(objects, "bulwark-gateway")).doesNotContainKeys(REDIS_TLS).doesNotContainKeys(SYNC_TLS)
                .containsEntry("BULWARK_GW_CONTROL_PLANE_URL", "ws://bulwark-control-plane:8080");
        assertThat(Workloads.environment(objects, "bulwark-control-plane")).doesNotContainKeys(REDIS_TLS);
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

}
