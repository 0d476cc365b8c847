package dev.bulwark.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;

/**
 * What every Bulwark workload must carry, whoever rendered it (Kustomize or Helm): probes, requests
 * and limits, a non-root read-only container, secrets referenced never inlined, and every TLS file
 * on a read-only mount of that plane's own Secret.
 */
final class Workloads {
    static final String TLS_FOLDER = "/etc/bulwark/tls/";
    static final String[] REDIS_TLS = {"BULWARK_REDIS_TLS_CA_FILE", "BULWARK_REDIS_TLS_CERT_FILE", "BULWARK_REDIS_TLS_KEY_FILE"};
    static final String[] SYNC_TLS = {"BULWARK_GW_CONTROL_PLANE_CA_FILE", "BULWARK_GW_CONTROL_PLANE_CLIENT_CERT_FILE",
        "BULWARK_GW_CONTROL_PLANE_CLIENT_KEY_FILE"};

    private Workloads() {
    }

    static void assertHardened(Deployment deployment, String secretsName) {
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        for (Container container : pod.getContainers()) {
            assertThat(container.getImage()).contains("bulwark/");
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
                assertThat(env.getValue() == null || !looksSecret(env.getName())).as(env.getName() + " comes from a secret").isTrue();
                if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                    assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo(secretsName);
                }
            }
        }
    }

    /**
     * Every CA, certificate and key file a variable of the deployment names lies on a read-only mount
     * of that plane's own Secret (a gateway never holds the control plane's keys), and TLS files for the
     * sync come with a wss:// URL (the gateway refuses them with ws://).
     */
    static void assertTlsFilesAreOnTheirOwnSecret(List<HasMetadata> objects, Deployment deployment) {
        String name = deployment.getMetadata().getName();
        String ownSecret = name.endsWith("gateway") ? "bulwark-gateway-tls" : "bulwark-tls";
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
        Map<String, String> env = Manifests.environment(objects, container);
        env.forEach((variable, value) -> {
            if (variable.matches(".*_(CA|CERT|KEY)_FILE")) {
                assertThat(Manifests.secretBehind(deployment, container, value))
                        .as("%s=%s of %s is on a read-only mount of its Secret", variable, value, name).isEqualTo(ownSecret);
            }
        });
        if (env.containsKey("BULWARK_GW_CONTROL_PLANE_CA_FILE")) {
            assertThat(env.get("BULWARK_GW_CONTROL_PLANE_URL")).startsWith("wss://");
        }
    }

    static Map<String, String> environment(List<HasMetadata> objects, String deployment) {
        return Manifests.environment(objects, Manifests.named(objects, Deployment.class, deployment).getSpec().getTemplate()
                .getSpec().getContainers().getFirst());
    }

    private static boolean looksSecret(String name) {
        return name.contains("PASSWORD") || name.contains("PEPPER") || name.contains("KEK") || name.contains("CREDENTIAL")
                || name.endsWith("_KEY") || name.equals("BULWARK_REDIS_URL");
    }
}
