package dev.bulwark.controlplane.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controlplane.RealDatabaseTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class BootstrapCredentialTest extends RealDatabaseTest {
    static final String CREDENTIAL = "bwdp_" + "b".repeat(43);

    @Inject
    DataPlaneCredentials credentials;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("bulwark.sync.bootstrap-credential", CREDENTIAL);
        properties.put("bulwark.sync.bootstrap-environment", "staging");
        return properties;
    }

    @Test
    void theConfiguredCredentialAuthenticatesForItsEnvironmentAndIsStoredOnce() {
        assertThat(credentials.authenticate(CREDENTIAL)).hasValueSatisfying(holder -> {
            assertThat(holder.environment()).isEqualTo("staging");
            assertThat(holder.name()).isEqualTo("bootstrap");
        });
        assertThat(credentials.register("staging", "bootstrap", CREDENTIAL, "bootstrap")).as("idempotent").isFalse();
        assertThat(credentials.list()).filteredOn(c -> c.name().equals("bootstrap")).hasSize(1);
        assertThat(credentials.authenticate("bwdp_" + "c".repeat(43))).isEmpty();
    }
}
