package dev.bulwark.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code ./bulwark up} hands the gateway out of the settings both planes share. */
class PlatformEnvironmentTest {
    private static final LaunchSettings SETTINGS = LaunchSettings.from(Map.of("BULWARK_HOME", "/tmp/bulwark-env-test",
            "BULWARK_CP_PORT", "9080"));

    @Test
    void theGatewayUsesTheControlPlanesRedisKeyPrefixUnderItsOwnName() {
        Map<String, String> gateway = Platform.gatewayEnvironment(shared(Map.of(Platform.REDIS_KEY_PREFIX, "team-a:")), SETTINGS);

        assertThat(gateway).containsEntry("BULWARK_GW_REDIS_KEY_PREFIX", "team-a:").doesNotContainKey(Platform.REDIS_KEY_PREFIX);
    }

    @Test
    void withoutAPrefixBothPlanesKeepTheirCommonDefault() {
        Map<String, String> gateway = Platform.gatewayEnvironment(shared(Map.of()), SETTINGS);

        assertThat(gateway).doesNotContainKeys("BULWARK_GW_REDIS_KEY_PREFIX", Platform.REDIS_KEY_PREFIX);
    }

    @Test
    void theGatewayGetsNeitherTheDatabaseNorTheKeyEncryptionKeyAndConnectsToTheConfiguredControlPlanePort() {
        Map<String, String> gateway = Platform.gatewayEnvironment(shared(Map.of()), SETTINGS);

        assertThat(gateway).doesNotContainKeys("BULWARK_DB_URL", "BULWARK_DB_PASSWORD", Secrets.KEK, Secrets.SYNC_CREDENTIAL, "BULWARK_CP_PORT")
                .containsEntry("BULWARK_GW_CREDENTIAL", "bwdp_credential")
                .containsEntry("BULWARK_GW_CONTROL_PLANE_URL", "ws://127.0.0.1:9080/sync/v1")
                .containsEntry("BULWARK_GW_LKG_FILE", Path.of("/tmp/bulwark-env-test/gateway/last-known-good.bin").toString())
                .containsEntry("BULWARK_ENVIRONMENT", "production");
    }

    private static Map<String, String> shared(Map<String, String> more) {
        Map<String, String> shared = new HashMap<>(Map.of("BULWARK_DB_URL", "jdbc:postgresql://127.0.0.1/x", "BULWARK_DB_PASSWORD", "p",
                Secrets.KEK, "kek", Secrets.SYNC_CREDENTIAL, "bwdp_credential", "BULWARK_CP_PORT", "9080"));
        shared.putAll(more);
        return shared;
    }
}
