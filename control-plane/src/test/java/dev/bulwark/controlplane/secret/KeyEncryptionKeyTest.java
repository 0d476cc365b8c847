package dev.bulwark.controlplane.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class KeyEncryptionKeyTest {
    private static final String CONFIGURED = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    @Test
    void sealsAndOpensBoundToItsContext() throws Exception {
        KeyEncryptionKey kek = new KeyEncryptionKey(CONFIGURED);
        byte[] sealed = kek.encrypt("private jwk".getBytes(StandardCharsets.UTF_8), "kid-1");
        assertThat(new String(kek.decrypt(sealed, "kid-1"), StandardCharsets.UTF_8)).isEqualTo("private jwk");
        assertThatThrownBy(() -> kek.decrypt(sealed, "kid-2")).isInstanceOf(GeneralSecurityException.class);
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> kek.decrypt(sealed, "kid-1")).isInstanceOf(GeneralSecurityException.class);
        assertThat(new KeyEncryptionKey(CONFIGURED).id()).isEqualTo(kek.id());
        assertThat(kek.derive("csrf")).isNotEqualTo(kek.derive("cursor")).hasSize(32);
    }

    @Test
    void refusesMalformedKeysAndWarnsWhenNoneIsConfiguredWithoutLoggingKeyMaterial() {
        assertThatThrownBy(() -> new KeyEncryptionKey("not base64!")).hasMessageContaining("BULWARK_KEK");
        assertThatThrownBy(() -> new KeyEncryptionKey(Base64.getEncoder().encodeToString(new byte[16]))).hasMessageContaining("32 bytes");

        Logger logger = (Logger) LoggerFactory.getLogger(KeyEncryptionKey.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            new KeyEncryptionKey("");
            new KeyEncryptionKey(CONFIGURED);
        } finally {
            logger.detachAppender(appender);
        }
        assertThat(appender.list).hasSize(1);
        assertThat(appender.list.getFirst().getFormattedMessage()).contains("BULWARK_KEK").doesNotContain(CONFIGURED);
    }
}
