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
    @JsonProperty("phone") PHONE,
    /** UK National Insurance numbers (two letters of the allocated prefixes, six digits, A-D); off unless listed. */
    @JsonProperty("uk-nino") UK_NINO,
    /** French social security numbers (NIR, 15 characters, Corsica's 2A/2B included) with their mod-97 key; off unless listed. */
    @JsonProperty("fr-nir") FR_NIR,
    /** German tax identification numbers (Steuer-ID, 11 digits) with their ISO 7064 MOD 11,10 check digit; off unless listed. */
    @JsonProperty("de-tax-id") DE_TAX_ID,
    /** Spanish DNI and NIE numbers with their mod-23 check letter; off unless listed. */
    @JsonProperty("es-dni") ES_DNI,
    /** Italian fiscal codes (codice fiscale, 16 characters, omocodia included) with their check letter; off unless listed. */
    @JsonProperty("it-fiscal-code") IT_FISCAL_CODE,
    /** Dutch citizen service numbers (BSN, 9 digits) passing the 11-test; off unless listed. */
    @JsonProperty("nl-bsn") NL_BSN,
    /** Brazilian CPF numbers (11 digits) with their two mod-11 check digits; off unless listed. */
    @JsonProperty("br-cpf") BR_CPF,
    /** Indian Aadhaar numbers (12 digits) with their Verhoeff check digit; off unless listed. */
    @JsonProperty("in-aadhaar") IN_AADHAAR;

    /** Looked for when the configuration lists none: everything but contact data, which APIs usually return on purpose. */
    public static final List<SensitiveDataKind> DEFAULTS = List.of(CARD_NUMBER, IBAN, NATIONAL_ID, PRIVATE_KEY, JWT, API_KEY);
}
