package dev.bulwark.contracts.policy;

import dev.bulwark.contracts.schema.Doc;
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
        @Doc("Bounds on the structure of request bodies, checked before parsing.") BodyStructureLimits limits)
        implements PolicyConfig {

    public ContractValidationConfig {
        mode = mode == null ? EnforcementMode.BLOCK : mode;
        rejectUndefinedOperations = rejectUndefinedOperations == null ? Boolean.TRUE : rejectUndefinedOperations;
        validateParameters = validateParameters == null ? Boolean.TRUE : validateParameters;
        validateBody = validateBody == null ? Boolean.TRUE : validateBody;
        allowUnknownQueryParameters = allowUnknownQueryParameters == null ? Boolean.FALSE : allowUnknownQueryParameters;
        limits = limits == null ? BodyStructureLimits.DEFAULT : limits;
    }

    /** Every default: block, every check on. */
    public static ContractValidationConfig defaults() {
        return new ContractValidationConfig(null, null, null, null, null, null);
    }

    @Override
    public void validateRules(Violations v) {
        // Each field is independently meaningful; the bounds are declared on BodyStructureLimits.
    }
}
