package dev.bulwark.controlplane.domain;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

/** The DNS answers domain verification needs; a port so that tests can point it at their own server. */
public interface DnsResolver {
    /** The TXT strings at {@code name}; empty when there is no such record. */
    List<String> txt(String name) throws IOException;

    /** The A and AAAA addresses of {@code name}; empty when it does not resolve. */
    List<InetAddress> addresses(String name) throws IOException;
}
