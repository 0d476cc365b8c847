package dev.bulwark.dataplane.threat.injection.hint;

/** Precise types a schema can give a value; a value that conforms to one cannot carry an injection. */
public enum ValueType {
    INTEGER, NUMBER, BOOLEAN, UUID, DATE, DATE_TIME, ENUM,
    /** A short word of letters, digits, '_' and single '-' (a leading '+' too): an identifier, a code, a phone number. */
    TOKEN
}
