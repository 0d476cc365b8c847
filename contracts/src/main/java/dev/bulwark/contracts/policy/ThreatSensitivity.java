package dev.bulwark.contracts.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How eagerly injection detection fires. {@code default} aims at stopping attacks with almost no
 * false positives on ordinary traffic; {@code strict} also fires on fragments that are attack-like
 * but appear in some legitimate inputs (free text with SQL keywords, markup in comments).
 */
public enum ThreatSensitivity {
    @JsonProperty("default") DEFAULT,
    @JsonProperty("strict") STRICT
}
