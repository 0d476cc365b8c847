package dev.bulwark.billing.plan;

import java.util.List;
import java.util.stream.Collectors;

/** A plan broke one or more rules; all of them are listed, not just the first. */
public final class PlanValidationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    public PlanValidationException(String planId, List<Violation> violations) {
        super("Invalid price plan '" + planId + "': "
                + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
