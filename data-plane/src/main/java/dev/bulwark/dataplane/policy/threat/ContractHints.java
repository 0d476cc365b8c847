package dev.bulwark.dataplane.policy.threat;

import dev.bulwark.dataplane.contract.CompiledOperation;
import dev.bulwark.dataplane.contract.ValueType;
import dev.bulwark.dataplane.model.RequestContext;
import dev.bulwark.dataplane.model.RouteMatch;
import dev.bulwark.dataplane.threat.injection.hint.TypeHint;
import dev.bulwark.dataplane.threat.injection.hint.TypeHints;
import java.util.Set;

/**
 * The operation's contract as type hints for the injection engine: a value the blocking
 * contract-validation policy has already proven to be an integer, a UUID, a date or one of an
 * enum's values is checked by type, not read as text. Routes without an enforced contract get none.
 */
public final class ContractHints {
    private static final TypeHint INTEGER = TypeHint.of(dev.bulwark.dataplane.threat.injection.hint.ValueType.INTEGER);
    private static final TypeHint NUMBER = TypeHint.of(dev.bulwark.dataplane.threat.injection.hint.ValueType.NUMBER);
    private static final TypeHint BOOLEAN = TypeHint.of(dev.bulwark.dataplane.threat.injection.hint.ValueType.BOOLEAN);
    private static final TypeHint UUID = TypeHint.of(dev.bulwark.dataplane.threat.injection.hint.ValueType.UUID);
    private static final TypeHint DATE = TypeHint.of(dev.bulwark.dataplane.threat.injection.hint.ValueType.DATE);
    private static final TypeHint DATE_TIME = TypeHint.of(dev.bulwark.dataplane.threat.injection.hint.ValueType.DATE_TIME);
    private static final TypeHint TOKEN = TypeHint.of(dev.bulwark.dataplane.threat.injection.hint.ValueType.TOKEN);
    /** Membership is what the contract validator checked: an enum hint without values trusts it. */
    private static final TypeHint ENUM = new TypeHint(dev.bulwark.dataplane.threat.injection.hint.ValueType.ENUM, Set.of());

    private ContractHints() {
    }

    static TypeHints of(RequestContext context) {
        RouteMatch match = context.route();
        return of(match == null || match.route() == null ? null : match.route().contract());
    }

    /** The hints of an operation's contract (null: none), for one inspection: they remember where the last value sat. */
    public static TypeHints of(CompiledOperation contract) {
        return contract == null ? TypeHints.NONE : new Hints(contract.hintLookup());
    }

    /** Looked up for every value and key of one request's inspection: nothing is allocated per lookup. */
    private record Hints(CompiledOperation.HintLookup contract) implements TypeHints {
        @Override
        public TypeHint hint(CharSequence location) {
            return ContractHints.hint(contract.typeHint(location));
        }

        @Override
        public boolean declaresKey(CharSequence location, CharSequence key) {
            return contract.declaresKey(location, key);
        }
    }

    static TypeHint hint(ValueType type) {
        if (type == null) {
            return null;
        }
        return switch (type) {
            case INTEGER -> INTEGER;
            case NUMBER -> NUMBER;
            case BOOLEAN -> BOOLEAN;
            case UUID -> UUID;
            case DATE -> DATE;
            case DATE_TIME -> DATE_TIME;
            case ENUM -> ENUM;
            case TOKEN -> TOKEN;
        };
    }
}
