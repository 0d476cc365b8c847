package dev.bulwark.securitytesting.openapi;

import java.util.Objects;

/** A model object together with where it is written in the document. */
public record Located<T>(T value, JsonPointer location) {

    public Located {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(location, "location");
    }
}
