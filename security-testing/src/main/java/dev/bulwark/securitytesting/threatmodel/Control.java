package dev.bulwark.securitytesting.threatmodel;

import java.util.List;

/**
 * A gateway control that mitigates a threat: any one of the policy types in {@code anyOf}
 * (e.g. {@code api-key} or {@code jwt}), and whether it is attached.
 */
public record Control(List<String> anyOf, State state) {

    public enum State {
        /** Attached to the operation (or the API). */
        ATTACHED,
        /** Not attached. */
        MISSING,
        /** The attached policies are not known (document audited alone). */
        UNKNOWN
    }

    public Control {
        anyOf = List.copyOf(anyOf);
    }

    public String label() {
        return String.join(" or ", anyOf);
    }
}
