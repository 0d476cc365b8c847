package dev.bulwark.dataplane.threat.injection.hint;

import java.util.Map;

/**
 * Type hints by input location, as the contract-validation policy derives them from an
 * operation's schema: {@code query.limit}, {@code path.id}, {@code header.x-request-id},
 * {@code body/items/*}{@code /price}. Looked up for every value, so implementations must not allocate;
 * {@link #of} builds one from a map.
 */
@FunctionalInterface
public interface TypeHints {
    TypeHints NONE = location -> null;

    /** The hint for the value at {@code location} (concrete: {@code body/items/3/price}), or null. */
    TypeHint hint(CharSequence location);

    /**
     * Whether {@code key}, the decoded JSON key at {@code location} ({@code body/customer/email} for the
     * key {@code email}), is a property name the contract declares: such a key is the API's own
     * vocabulary and is not read as text. Must compare the key itself, never trust that a validator saw it.
     */
    default boolean declaresKey(CharSequence location, CharSequence key) {
        return false;
    }

    /**
     * Hints keyed by location; a {@code *} segment after a {@code /} matches any array index
     * ({@code body/items/*}{@code /price} covers {@code body/items/0/price}, {@code body/items/17/price}).
     */
    static TypeHints of(Map<String, TypeHint> hints) {
        return hints.isEmpty() ? NONE : new LocationTable(hints);
    }
}
