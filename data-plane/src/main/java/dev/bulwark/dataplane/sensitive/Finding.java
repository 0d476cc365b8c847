package dev.bulwark.dataplane.sensitive;

import dev.bulwark.contracts.policy.SensitiveDataKind;

/** One piece of sensitive data: its kind and where it lies in the body (byte offsets, end exclusive). */
public record Finding(SensitiveDataKind kind, int start, int end) {

    /** The rule id security events carry: {@code sensitive-} and the kind's wire name. */
    public String ruleId() {
        return "sensitive-" + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
