package dev.bulwark.contracts.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The classes of sensitive data the gateway looks for in responses. */
public enum SensitiveDataKind {
    /** Payment card numbers: 13 to 19 digits (spaces or dashes between groups allowed) passing the Luhn check. */
    @JsonProperty("card-number") CARD_NUMBER,
    /** International bank account numbers: country code, check digits and account, passing the ISO 7064 mod-97 check. */
    @JsonProperty("iban") IBAN,
    /** National identifiers in their written form: US social security numbers (AAA-GG-SSSS, valid ranges only). */
    @JsonProperty("national-id") NATIONAL_ID,
    /** PEM private keys (-----BEGIN ... PRIVATE KEY-----): the key body is masked. */
    @JsonProperty("private-key") PRIVATE_KEY,
    /** JSON Web Tokens: three base64url parts whose first two are JSON objects (eyJ...). */
    @JsonProperty("jwt") JWT,
    /** Cloud and SaaS credentials by their issuers' formats: AWS access key ids, Google API keys, GitHub, Slack and Stripe tokens. */
    @JsonProperty("api-key") API_KEY,
    /** E-mail addresses; off unless listed, as most APIs return them on purpose. */
    @JsonProperty("email") EMAIL,
    /** International phone numbers (+ and 8 to 15 digits); off unless listed. */
    @JsonProperty("phone") PHONE;

    /** Looked for when the configuration lists none: everything but contact data, which APIs usually return on purpose. */
    public static final List<SensitiveDataKind> DEFAULTS = List.of(CARD_NUMBER, IBAN, NATIONAL_ID, PRIVATE_KEY, JWT, API_KEY);
}
