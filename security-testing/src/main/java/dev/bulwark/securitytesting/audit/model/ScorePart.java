package dev.bulwark.securitytesting.audit.model;


/**
 * The two halves of the score. {@link #SECURITY}: who may call what, transport, secrets,
 * SSRF, business flows. {@link #DATA_VALIDATION}: how precisely the contract describes the data
 * crossing the API, which is what a validating gateway can enforce.
 */
public enum ScorePart {
    SECURITY,
    DATA_VALIDATION
}
