package dev.bulwark.dataplane.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.dataplane.config.NetworkTransport;
import io.vertx.core.Vertx;
import io.vertx.core.transport.Transport;
import org.junit.jupiter.api.Test;

class TransportsTest {

    @Test
    void autoTakesIoUringWhereTheKernelAllowsItElseEpollOnLinuxAndNioIsNio() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "the native transports ship for Linux only");
        assertThat(Transport.EPOLL.available()).as("epoll is on the class path").isTrue();
        assertThat(Transports.choose(NetworkTransport.AUTO)).isSameAs(Transport.IO_URING.available() ? Transport.IO_URING : Transport.EPOLL);
        assertThat(Transports.choose(NetworkTransport.EPOLL)).isSameAs(Transport.EPOLL);
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
