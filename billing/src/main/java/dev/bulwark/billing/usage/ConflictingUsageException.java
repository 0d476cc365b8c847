package dev.bulwark.billing.usage;

/**
 * Two different records share an id. A retry resends the same record; a different one under the
 * same id is a producer bug, and picking either would make the bill depend on arrival order.
 */
public final class ConflictingUsageException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ConflictingUsageException(UsageRecord first, UsageRecord second) {
        super("Usage record id '" + first.id() + "' was used for two different records: " + first + " and " + second);
    }
}
