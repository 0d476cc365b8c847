package dev.bulwark.contracts.policy;

import dev.bulwark.contracts.schema.Doc;
import dev.bulwark.contracts.schema.Range;
import dev.bulwark.contracts.schema.Violations;
import java.util.List;

/**
 * Sensitive-data detection in responses (OWASP API3): card numbers, bank accounts, national ids,
 * keys and tokens the upstream should never have sent, masked in place or refused.
 */
@Doc("Looks for sensitive data in response bodies (card numbers with the Luhn check, IBANs, national ids, private keys, JWTs, "
        + "cloud and API keys; e-mail addresses and phone numbers when listed) and masks it, blocks the response (502) or reports it.")
public record SensitiveDataConfig(
        @Doc("mask: overwrite each finding in place and record a security event; block: replace the response with a 502 problem; "
                + "report: record the event and relay the response unchanged. Default: mask.") SensitiveDataAction action,
        @Doc("Kinds looked for. Default (empty): card-number, iban, national-id, private-key, jwt, api-key.") List<SensitiveDataKind> kinds,
        @Range(min = 0, max = 8) @Doc("Characters left readable at the end of a masked card number, IBAN or national id. "
                + "Default: 4.") Integer keepLast,
        @Range(min = 1_024, max = 104_857_600) @Doc("Largest response body inspected, in bytes; a larger one is refused with 502 "
                + "(what cannot be inspected is not relayed). Default: 1048576 (1 MiB).") Long maxInspectedBodyBytes)
        implements PolicyConfig {

    public static final long DEFAULT_MAX_INSPECTED_BODY_BYTES = 1_048_576;

    public SensitiveDataConfig {
        action = action == null ? SensitiveDataAction.MASK : action;
        kinds = kinds == null || kinds.isEmpty() ? SensitiveDataKind.DEFAULTS : List.copyOf(kinds);
        keepLast = keepLast == null ? 4 : keepLast;
        maxInspectedBodyBytes = maxInspectedBodyBytes == null ? DEFAULT_MAX_INSPECTED_BODY_BYTES : maxInspectedBodyBytes;
    }

    /** Every default: mask the default kinds, last four characters kept. */
    public static SensitiveDataConfig defaults() {
        return new SensitiveDataConfig(null, null, null, null);
    }

    @Override
    public void validateRules(Violations v) {
        v.require(kinds.size() == kinds.stream().distinct().count(), "kinds", "must not list a kind twice");
    }
}
