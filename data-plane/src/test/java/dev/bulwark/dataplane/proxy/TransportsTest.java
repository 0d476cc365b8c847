package dev.bulwark.dataplane.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.dataplane.config.NetworkTransport;
import io.vertx.core.Vertx;
import io.vertx.core.transport.Transport;
import org.junit.jupiter.api.Test;

class TransportsTest {

    @Test
    void autoTakesEpollOnLinuxAndNioIsNio() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "epoll ships for Linux only");
        assertThat(Transports.choose(NetworkTransport.AUTO)).as("epoll is on the class path").isSameAs(Transport.EPOLL);
        assertThat(Transports.choose(NetworkTransport.NIO)).isSameAs(Transport.NIO);
    }

    @Test
    void ioUringIsUsedWhereTheKernelHasItAndNioOtherwise() {
        Transport chosen = Transports.choose(NetworkTransport.IO_URING);
        assertThat(chosen).isSameAs(Transport.IO_URING.available() ? Transport.IO_URING : Transport.NIO);
        Vertx vertx = Vertx.builder().withTransport(chosen).build();
        try {
            assertThat(vertx.isNativeTransportEnabled()).isEqualTo(chosen != Transport.NIO);
        } finally {
            vertx.close().await();
        }
    }
}
