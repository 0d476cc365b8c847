package dev.bulwark.controlplane;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A key written twice in application.yml is not an error to Micronaut: the second block silently
 * replaces the first (a merge once dropped {@code bulwark.platform.admin-user-ids} that way).
 */
class ConfigurationFileTest {
    @Test
    void applicationYmlNamesNoKeyTwice() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        assertThatCode(() -> {
            try (InputStream in = ConfigurationFileTest.class.getResourceAsStream("/application.yml")) {
                new Yaml(new SafeConstructor(options)).load(in);
            }
        }).doesNotThrowAnyException();
    }
}
