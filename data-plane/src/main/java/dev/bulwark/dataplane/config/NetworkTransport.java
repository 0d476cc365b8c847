package dev.bulwark.dataplane.config;

/**
 * The socket I/O the event loops use ({@code BULWARK_GW_TRANSPORT}). {@code AUTO} takes epoll where
 * it is available (Linux; the calibration measured ≈ +25 % throughput over NIO) and NIO elsewhere;
 * {@code IO_URING} needs Linux 5.14+ with io_uring enabled. A native transport that cannot load
 * falls back to NIO with a warning: the gateway still starts.
 */
public enum NetworkTransport {
    AUTO, EPOLL, IO_URING, NIO
}
