package dev.bulwark.dataplane.contract;

/**
 * What an enforced contract guarantees about a value, for inspection that would otherwise read it
 * as free text: an injection detector can skip its text heuristics for a value the contract has
 * already proven to be an integer, a UUID or one of a fixed set of strings.
 */
public enum ValueType {
    INTEGER,
    NUMBER,
    BOOLEAN,
    UUID,
    DATE,
    DATE_TIME,
    /** One of the values the schema enumerates (or its {@code const}). */
    ENUM,
    /** A string whose anchored pattern admits only letters, digits, '-', '_' and '+' (a SKU, a country code). */
    TOKEN
}
