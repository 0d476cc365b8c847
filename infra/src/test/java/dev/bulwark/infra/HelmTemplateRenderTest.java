package dev.bulwark.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chart rendered by Helm's own template engine (helm-java: Helm's Go library, no helm binary),
 * with its defaults and with TLS and sizing overridden as an operator would: every object is one the
 * Kubernetes model accepts, every workload is hardened as the Kustomize layouts are, and the values
 * switch what they say they switch.
 */
class HelmTemplateRenderTest {
    private static final Path CHART = Path.of(System.getProperty("user.dir")).resolve("helm/bulwark");

    @Test
    void theDefaultsRenderHardenedWorkloadsWithSecretsReferencedAndPlainInClusterHops() {
        List<HasMetadata> objects = render(Map.of());

        assertThat(objects).extracting(HasMetadata::getKind).containsOnly("Deployment", "Service", "PodDisruptionBudget",
                "HorizontalPodAutoscaler", "NetworkPolicy");
        assertThat(Manifests.of(objects, Deployment.class)).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrder("bulwark-control-plane", "bulwark-gateway");
        for (Deployment deployment : Manifests.of(objects, Deployment.class)) {
            Workloads.assertHardened(deployment, "bulwark-secrets");
            Workloads.assertTlsFilesAreOnTheirOwnSecret(objects, deployment);
        }
        for (Service service : Manifests.of(objects, Service.class)) {
            String app = service.getSpec().getSelector().get("app.kubernetes.io/name");
            assertThat(Manifests.of(objects, Deployment.class)).as(service.getMetadata().getName() + " selects a workload")
                    .anyMatch(d -> d.getMetadata().getName().equals(app));
        }
        Map<String, String> gateway = Workloads.environment(objects, "bulwark-gateway");
        assertThat(gateway).doesNotContainKeys(Workloads.REDIS_TLS).doesNotContainKeys(Workloads.SYNC_TLS)
                .containsEntry("BULWARK_GW_CONTROL_PLANE_URL", "ws://bulwark-control-plane:8080");
        assertThat(Workloads.environment(objects, "bulwark-control-plane")).doesNotContainKeys(Workloads.REDIS_TLS);
        assertThat(Manifests.named(objects, Deployment.class, "bulwark-control-plane").getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void tlsValuesPutEveryHopOnTlsWithEachPlanesFilesOnItsOwnSecret() {
        List<HasMetadata> objects = render(Map.of("tls.redis.enabled", true, "tls.sync.enabled", true,
                "tls.sync.url", "wss://sync.example.test/sync/v1"));

        Map<String, String> gateway = Workloads.environment(objects, "bulwark-gateway");
        assertThat(gateway).containsKeys(Workloads.REDIS_TLS).containsKeys(Workloads.SYNC_TLS)
                .containsEntry("BULWARK_GW_CONTROL_PLANE_URL", "wss://sync.example.test/sync/v1");
        assertThat(Workloads.environment(objects, "bulwark-control-plane")).containsKeys(Workloads.REDIS_TLS)
                .doesNotContainKeys(Workloads.SYNC_TLS);
        for (Deployment deployment : Manifests.of(objects, Deployment.class)) {
            Workloads.assertTlsFilesAreOnTheirOwnSecret(objects, deployment);
        }

        List<HasMetadata> serverOnly = render(Map.of("tls.redis.enabled", true, "tls.redis.clientCertificate", false,
                "tls.sync.enabled", true, "tls.sync.clientCertificate", false));
        assertThat(Workloads.environment(serverOnly, "bulwark-gateway")).as("the server's certificate checked, none presented")
                .containsKeys("BULWARK_REDIS_TLS_CA_FILE", "BULWARK_GW_CONTROL_PLANE_CA_FILE")
                .doesNotContainKeys("BULWARK_REDIS_TLS_CERT_FILE", "BULWARK_REDIS_TLS_KEY_FILE",
                        "BULWARK_GW_CONTROL_PLANE_CLIENT_CERT_FILE", "BULWARK_GW_CONTROL_PLANE_CLIENT_KEY_FILE");
    }

    @Test
    void sizingValuesReachTheirObjects() {
        List<HasMetadata> objects = render(Map.of("controlPlane.replicas", 3, "gateway.autoscaling.minReplicas", 3,
                "gateway.autoscaling.maxReplicas", 20, "gateway.minAvailable", 2, "gateway.serviceType", "NodePort",
                "existingSecret", "prod-secrets", "image.repository", "registry.example.test/bulwark", "image.tag", "1.2.3"));

        assertThat(Manifests.named(objects, Deployment.class, "bulwark-control-plane").getSpec().getReplicas()).isEqualTo(3);
        HorizontalPodAutoscaler hpa = Manifests.named(objects, HorizontalPodAutoscaler.class, "bulwark-gateway");
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(3);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(20);
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("bulwark-gateway");
        assertThat(Manifests.named(objects, PodDisruptionBudget.class, "bulwark-gateway").getSpec().getMinAvailable().getIntVal())
                .isEqualTo(2);
        assertThat(Manifests.named(objects, Service.class, "bulwark-gateway").getSpec().getType()).isEqualTo("NodePort");
        for (Deployment deployment : Manifests.of(objects, Deployment.class)) {
            Workloads.assertHardened(deployment, "prod-secrets");
            assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage())
                    .startsWith("registry.example.test/bulwark/").endsWith(":1.2.3");
        }
    }

    private static List<HasMetadata> render(Map<String, Object> values) {
        TemplateCommand template = new Helm(CHART).template().withName("bulwark").withNamespace("bulwark");
        values.forEach(template::set);
        return Manifests.parse(template.call());
    }
}
