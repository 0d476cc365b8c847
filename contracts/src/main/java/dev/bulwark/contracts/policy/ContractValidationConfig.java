package dev.bulwark.contracts.policy;

import dev.bulwark.contracts.schema.Doc;
import dev.bulwark.contracts.schema.Range;
import dev.bulwark.contracts.schema.Violations;

/**
 * Enforces the API's OpenAPI document as a positive model: what the document does not describe is
 * refused. Attached at API level it covers every operation; attached to an operation it replaces
 * the API-level configuration for that operation (e.g. report mode while one operation is rolled out).
 */
@Doc("Validates requests against the operation's OpenAPI contract (parameters, body, content type) and bounds the structure of bodies.")
public record ContractValidationConfig(
        @Doc("block refuses (400, 404, 413, 415) and records a security event; report records the event and forwards. Default: block.")
        EnforcementMode mode,
        @Doc("Refuse requests to operations the document does not define (404/405). When false, they are forwarded with the "
                + "API's policies and only the body limits apply. Default: true.")
        Boolean rejectUndefinedOperations,
        @Doc("Validate path, query, header and cookie parameters against their schemas. Default: true.") Boolean validateParameters,
        @Doc("Validate the request body: presence, content type (415) and schema. Default: true.") Boolean validateBody,
        @Doc("Accept query parameters the operation does not declare. Default: false (refused: the positive model).")
        Boolean allowUnknownQueryParameters,
        @Doc("Bounds on the structure of request bodies, checked before parsing.") BodyStructureLimits limits,
        @Doc("Responses against the operation's response schema: off, report, filter (remove undeclared properties) or block "
                + "(502). Default: off.") ResponseValidationMode responses,
        @Doc("Replace upstream error bodies (4xx/5xx) that carry stack traces or database errors with a clean problem, keeping "
                + "the status. Default: true.") Boolean hideErrorDetails,
        @Range(min = 0, max = 104_857_600) @Doc("Largest response read for inspection, in bytes; a larger one is refused with 502. "
                + "Default: 1048576 (1 MiB).") Long maxResponseBodyBytes)
        implements PolicyConfig {

    public ContractValidationConfig {
        mode = mode == null ? EnforcementMode.BLOCK : mode;
        rejectUndefinedOperations = rejectUndefinedOperations == null ? Boolean.TRUE : rejectUndefinedOperations;
        validateParameters = validateParameters == null ? Boolean.TRUE : validateParameters;
        validateBody = validateBody == null ? Boolean.TRUE : validateBody;
        allowUnknownQueryParameters = allowUnknownQueryParameters == null ? Boolean.FALSE : allowUnknownQueryParameters;
        limits = limits == null ? BodyStructureLimits.DEFAULT : limits;
        responses = responses == null ? ResponseValidationMode.OFF : responses;
        hideErrorDetails = hideErrorDetails == null ? Boolean.TRUE : hideErrorDetails;
        maxResponseBodyBytes = maxResponseBodyBytes == null ? 1_048_576L : maxResponseBodyBytes;
    }

    /** Request validation only, responses left to their defaults. */
    public ContractValidationConfig(EnforcementMode mode, Boolean rejectUndefinedOperations, Boolean validateParameters,
                                    Boolean validateBody, Boolean allowUnknownQueryParameters, BodyStructureLimits limits) {
        this(mode, rejectUndefinedOperations, validateParameters, validateBody, allowUnknownQueryParameters, limits, null, null, null);
    }

    /** Every default: block, every request check on, responses not validated, error details hidden. */
    public static ContractValidationConfig defaults() {
        return new ContractValidationConfig(null, null, null, null, null, null);
    }

    @Override
    public void validateRules(Violations v) {
        // Each field is independently meaningful; the bounds are declared on BodyStructureLimits.
    }
}
