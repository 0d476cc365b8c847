package dev.bulwark.controlplane.kernel;

/** A resource view with the row version its ETag is made of. */
public record Versioned<T>(T body, long version) {
    public String etag() {
        return ETags.of(version);
    }
}
