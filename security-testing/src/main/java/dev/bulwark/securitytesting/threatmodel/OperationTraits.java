package dev.bulwark.securitytesting.threatmodel;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** The traits found on one operation: the evidence behind its threats. */
public record OperationTraits(String operationKey, Set<Trait> traits) {

    public OperationTraits {
        Objects.requireNonNull(operationKey, "operationKey");
        // EnumSet keeps declaration order, which keeps output stable.
        traits = Collections.unmodifiableSet(traits.isEmpty() ? EnumSet.noneOf(Trait.class) : EnumSet.copyOf(traits));
    }

    public boolean has(Set<Trait> required) {
        return traits.containsAll(required);
    }
}
