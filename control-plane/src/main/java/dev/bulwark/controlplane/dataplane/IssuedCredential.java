package dev.bulwark.controlplane.dataplane;

import java.time.Instant;
import java.util.UUID;

/** A credential just issued: the only time its secret is ever shown. */
public record IssuedCredential(UUID id, String environment, String name, String prefix, String credential, Instant createdAt) {
    @Override
    public String toString() {
        return "IssuedCredential[id=" + id + ", environment=" + environment + ", name=" + name + ", prefix=" + prefix + "]";
    }
}
