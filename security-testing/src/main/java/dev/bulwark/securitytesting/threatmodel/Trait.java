package dev.bulwark.securitytesting.threatmodel;

/** What an operation does that matters to an attacker; threats are derived from these. */
public enum Trait {
    /** Callable without credentials. */
    UNAUTHENTICATED,
    /** Addresses a stored object through an identifier in the path. */
    TAKES_OBJECT_ID,
    /** Creates or changes data (POST, PUT, PATCH). */
    MODIFIES_DATA,
    /** Deletes data (DELETE). */
    DELETES_DATA,
    /** Receives a URL the server may call, including callback targets. */
    ACCEPTS_URL,
    /** Receives files: multipart, octet-stream or binary content. */
    UPLOADS_FILES,
    /** Returns secrets, credentials or personal data. */
    RETURNS_SENSITIVE_DATA,
    /** Returns a list of objects. */
    RETURNS_COLLECTION,
    /** Is a sign-up, login, checkout, transfer or similar flow worth automating. */
    BUSINESS_FLOW,
    /** Lives under an administrative or internal path. */
    ADMINISTRATIVE,
    /** Calls subscribers back and reads their answers. */
    CALLS_BACK
}
