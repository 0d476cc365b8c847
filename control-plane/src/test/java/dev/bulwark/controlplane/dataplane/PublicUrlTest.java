package dev.bulwark.controlplane.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A data plane's advertised URL ends up in the console and in copied curl commands: only plain http(s) URLs are kept. */
class PublicUrlTest {
    @Test
    void keepsPlainHttpUrlsAndDropsEverythingElse() {
        assertThat(DataPlaneRegistry.plainUrl("http://127.0.0.1:8000")).isEqualTo("http://127.0.0.1:8000");
        assertThat(DataPlaneRegistry.plainUrl("https://api.example.com/base")).isEqualTo("https://api.example.com/base");
        assertThat(DataPlaneRegistry.plainUrl(null)).isNull();
        assertThat(DataPlaneRegistry.plainUrl("javascript:alert(1)")).isNull();
        assertThat(DataPlaneRegistry.plainUrl("http://user:pw@host")).isNull();
        assertThat(DataPlaneRegistry.plainUrl("http://host/?q=1")).isNull();
        assertThat(DataPlaneRegistry.plainUrl("http://host/'; rm -rf ~")).isNull();
        assertThat(DataPlaneRegistry.plainUrl("https://" + "a".repeat(300) + ".com")).isNull();
    }
}
