package dev.bulwark.securitytesting.openapi;

import io.swagger.v3.oas.models.media.Schema;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Guesses meaning from names. Shared by the audit rules and the threat model so both read a
 * document the same way; kept deliberately simple and documented in docs/security-testing.md.
 */
public final class NameHeuristics {

    /** What a sensitive-looking field name suggests it holds. */
    public enum Sensitivity {
        /** Never legitimately returned: passwords, secrets, government ids, card data. */
        SECRET,
        /** Credentials an API may hand out on purpose (login, key issuance), but should rarely. */
        CREDENTIAL
    }

    private static final Pattern OBJECT_ID = Pattern.compile(
            "(?i:id|uuid|guid)|.*[a-z0-9](?:Id|ID|Uuid|UUID|Guid|GUID)|.*[_-](?i:id|uuid|guid)");

    private static final List<String> SECRET_WORDS = List.of("password", "passwd", "secret", "privatekey", "ssn",
            "socialsecurity", "creditcard", "cardnumber", "cvv", "cvc", "iban");

    // Names that mention a secret but hold metadata about it.
    private static final List<String> METADATA_SUFFIXES = List.of("at", "date", "time", "policy", "hint",
            "required", "length", "expiry", "expires", "set", "enabled", "type");

    private static final List<String> CREDENTIAL_SUFFIXES = List.of("token", "apikey", "accesskey", "sessionid");

    private static final List<String> BUSINESS_FLOW_WORDS = List.of("login", "signin", "signup", "register",
            "resetpassword", "passwordreset", "forgotpassword", "otp", "checkout", "purchase", "payment", "transfer",
            "redeem", "coupon", "voucher", "invite", "booking", "reservation");

    private static final List<String> PERSONAL_WORDS = List.of("email", "phone", "mobile", "address", "street",
            "postcode", "postalcode", "zipcode", "birth", "dob", "firstname", "lastname", "fullname", "passport",
            "nationalid", "taxid", "gender", "ipaddress", "geolocation", "latitude", "longitude");

    private static final Set<String> URL_FORMATS = Set.of("uri", "url", "uri-reference", "iri", "iri-reference");

    private NameHeuristics() {}

    /** {@code id}, {@code userId}, {@code order_id}, {@code accountUUID} — references to a stored object. */
    public static boolean isObjectIdentifier(String name) {
        return name != null && OBJECT_ID.matcher(name).matches();
    }

    /** Inputs the server may dereference: {@code url}, {@code avatarUri}, {@code callback}, {@code webhookTarget}. */
    public static boolean isUrlLike(String name) {
        String n = normalise(name);
        return n.endsWith("url") || n.endsWith("uri") || n.endsWith("href")
                || n.contains("callback") || n.contains("webhook") || n.contains("redirect");
    }

    /**
     * A value the server may dereference: URL format, or a URL-like name on a string (or untyped)
     * value.
     */
    public static boolean isUrlInput(String name, Schema<?> schema) {
        boolean stringy = schema == null || Schemas.types(schema).isEmpty() || Schemas.isString(schema);
        boolean urlFormat = schema != null && schema.getFormat() != null && URL_FORMATS.contains(schema.getFormat());
        return stringy && (urlFormat || isUrlLike(name));
    }

    /** Personal data short of secrets: contact details, birth dates, location, government ids. */
    public static boolean isPersonalData(String name) {
        String n = normalise(name);
        return !n.isEmpty() && PERSONAL_WORDS.stream().anyMatch(n::contains);
    }

    public static Optional<Sensitivity> sensitivity(String name) {
        String n = normalise(name);
        if (n.isEmpty()) {
            return Optional.empty();
        }
        if (CREDENTIAL_SUFFIXES.stream().anyMatch(n::endsWith)) {
            return Optional.of(Sensitivity.CREDENTIAL);
        }
        boolean mentionsSecret = SECRET_WORDS.stream().anyMatch(n::contains) || n.equals("pin");
        boolean metadata = METADATA_SUFFIXES.stream().anyMatch(suffix -> n.endsWith(suffix) && !n.equals(suffix))
                && !SECRET_WORDS.stream().anyMatch(n::endsWith);
        return mentionsSecret && !metadata ? Optional.of(Sensitivity.SECRET) : Optional.empty();
    }

    /** Flows worth automating for an attacker: sign-up, login, checkout, transfers, vouchers… */
    public static boolean isBusinessFlow(String path, String operationId) {
        String n = normalise(path) + " " + normalise(operationId);
        return BUSINESS_FLOW_WORDS.stream().anyMatch(n::contains);
    }

    /** Lower case, letters and digits only: {@code credit_card-Number} becomes {@code creditcardnumber}. */
    static String normalise(String name) {
        return name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
