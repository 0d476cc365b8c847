package dev.bulwark.dataplane.proxy;

import dev.bulwark.dataplane.config.NetworkTransport;
import io.vertx.core.transport.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Vert.x transport for a {@link NetworkTransport} setting, falling back to NIO when a native one cannot load. */
public final class Transports {
    private static final Logger LOG = LoggerFactory.getLogger(Transports.class);

    private Transports() {
    }

    public static Transport choose(NetworkTransport setting) {
        Transport wanted = switch (setting) {
            case AUTO, EPOLL -> Transport.EPOLL;
            case IO_URING -> Transport.IO_URING;
            case NIO -> Transport.NIO;
        };
        if (wanted.available()) {
            return wanted;
        }
        if (setting != NetworkTransport.AUTO) {
            Throwable cause = wanted.unavailabilityCause();
            LOG.warn("transport {} is not available here ({}): using NIO", wanted.name(),
                    cause == null ? "unknown cause" : cause.getMessage());
        }
        return Transport.NIO;
    }
}
