package dev.bulwark.dataplane.proxy;

import dev.bulwark.dataplane.config.NetworkTransport;
import io.vertx.core.transport.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Vert.x transport for a {@link NetworkTransport} setting. {@code AUTO} takes io_uring where the
 * kernel allows it (container runtimes' default seccomp profiles often do not), then epoll, then NIO;
 * a transport named explicitly that cannot load falls back to NIO with a warning.
 */
public final class Transports {
    private static final Logger LOG = LoggerFactory.getLogger(Transports.class);

    private Transports() {
    }

    public static Transport choose(NetworkTransport setting) {
        if (setting == NetworkTransport.AUTO) {
            // measured on scenario (c): io_uring 20.8 us of CPU per request, epoll 34.5 (docs/benchmarks.md)
            return Transport.IO_URING.available() ? Transport.IO_URING : Transport.EPOLL.available() ? Transport.EPOLL : Transport.NIO;
        }
        Transport wanted = switch (setting) {
            case AUTO, EPOLL -> Transport.EPOLL;
            case IO_URING -> Transport.IO_URING;
            case NIO -> Transport.NIO;
        };
        if (wanted.available()) {
            return wanted;
        }
        Throwable cause = wanted.unavailabilityCause();
        LOG.warn("transport {} is not available here ({}): using NIO", wanted.name(), cause == null ? "unknown cause" : cause.getMessage());
        return Transport.NIO;
    }
}
