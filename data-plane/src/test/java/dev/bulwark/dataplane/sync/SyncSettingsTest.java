package dev.bulwark.dataplane.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.dataplane.config.GatewaySettings;
import dev.bulwark.dataplane.config.SettingsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncSettingsTest {
    private static final String PEPPER = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String KEY = Base64.getEncoder().encodeToString(LastKnownGoodTest.key());

    @TempDir
    Path directory;

    @Test
    void readsEverySyncSettingAndKeepsSecretsOutOfToString() {
        GatewaySettings settings = GatewaySettings.from(env(Map.of("BULWARK_GW_CONTROL_PLANE_URL", "wss://cp.example.com",
                "BULWARK_GW_CREDENTIAL", "bwdp_supersecretvalue", "BULWARK_GW_LKG_KEY", KEY, "BULWARK_GW_LKG_FILE", "/var/lib/gw/lkg.bin")));
        SyncSettings sync = settings.sync();
        assertThat(sync.controlPlaneUrl()).hasToString("wss://cp.example.com/sync/v1");
        assertThat(sync.credential()).isEqualTo("bwdp_supersecretvalue");
        assertThat(sync.lkgFile()).isEqualTo(Path.of("/var/lib/gw/lkg.bin"));
        assertThat(sync.lkgKey()).isEqualTo(Base64.getDecoder().decode(KEY));
        assertThat(settings.toString()).doesNotContain("supersecret").doesNotContain(KEY).contains("credential=***");
    }

    @Test
    void defaultsToNoSyncAndAFileUnderBulwarkHome() {
        SyncSettings sync = GatewaySettings.from(env(Map.of("BULWARK_HOME", "/opt/bulwark"))).sync();
        assertThat(sync.enabled()).isFalse();
        assertThat(sync.lastKnownGoodEnabled()).isFalse();
        assertThat(sync.lkgFile()).isEqualTo(Path.of("/opt/bulwark/.bulwark-gw/last-known-good.bin"));
    }

    @Test
    void readsTheKeyFromAFile() throws Exception {
        Path keyFile = Files.writeString(directory.resolve("lkg.key"), KEY + "\n");
        SyncSettings sync = GatewaySettings.from(env(Map.of("BULWARK_GW_LKG_KEY_FILE", keyFile.toString()))).sync();
        assertThat(sync.lkgKey()).isEqualTo(Base64.getDecoder().decode(KEY));
    }

    @Test
    void refusesBadValuesNamingTheVariable() {
        assertThatThrownBy(() -> GatewaySettings.from(env(Map.of("BULWARK_GW_CONTROL_PLANE_URL", "http://cp"))))
                .isInstanceOf(SettingsException.class).hasMessageContaining("BULWARK_GW_CONTROL_PLANE_URL must be a ws:// or wss:// URL");
        assertThatThrownBy(() -> GatewaySettings.from(env(Map.of("BULWARK_GW_CONTROL_PLANE_URL", "ws://cp"))))
                .isInstanceOf(SettingsException.class).hasMessageContaining("BULWARK_GW_CREDENTIAL is required");
        assertThatThrownBy(() -> GatewaySettings.from(env(Map.of("BULWARK_GW_LKG_KEY", "c2hvcnQ="))))
                .isInstanceOf(SettingsException.class).hasMessageContaining("BULWARK_GW_LKG_KEY must decode to exactly 32 bytes");
    }

    private static Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(extra);
        env.put("BULWARK_API_KEY_PEPPER", PEPPER);
        return env;
    }
}
