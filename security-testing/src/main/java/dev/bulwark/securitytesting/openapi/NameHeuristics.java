package dev.bulwark.securitytesting.openapi;

import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Guesses meaning from names. Shared by the audit rules and the threat model so both read a
 * document the same way; kept deliberately simple and documented in docs/security-testing.md.
 * Names are read as words ({@code accountUUID}, {@code account_uuid} and {@code account-uuid} are
 * all "account uuid"), so the rules are about word structure, not about spellings.
 */
public final class NameHeuristics {

    /** What a sensitive-looking field name suggests it holds. */
    public enum Sensitivity {
        /** Never legitimately returned: passwords, secrets, government ids, card data. */
        SECRET,
        /** Credentials an API may hand out on purpose (login, key issuance), but should rarely. */
        CREDENTIAL
    }

    /** The last word of a name that references a stored object. */
    private static final Set<String> IDENTIFIER_WORDS = Set.of("id", "ids", "uuid", "uuids", "guid", "guids");

    private static final Set<String> URL_WORDS = Set.of("url", "urls", "uri", "uris", "href", "webhook", "webhooks",
            "redirect");

    /** Words that make a "token" a position in a listing rather than a credential. */
    private static final Set<String> PAGINATION_WORDS = Set.of("page", "next", "prev", "previous", "continuation",
            "cursor", "sync", "resume", "start", "skip", "after", "before", "delta", "batch", "list", "marker");

    private static final List<String> SECRET_WORDS = List.of("password", "passwd", "secret", "privatekey", "ssn",
            "socialsecurity", "creditcard", "cardnumber", "cvv", "cvc", "iban");

    // Names that mention a secret but hold metadata about it.
    private static final List<String> METADATA_SUFFIXES = List.of("at", "date", "time", "policy", "hint",
            "required", "length", "expiry", "expires", "set", "enabled", "type");

    private static final List<String> CREDENTIAL_SUFFIXES = List.of("token", "apikey", "accesskey", "sessionid");

    private static final List<String> BUSINESS_FLOW_WORDS = List.of("login", "signin", "signup", "register",
            "resetpassword", "passwordreset", "forgotpassword", "otp", "checkout", "purchase", "payment", "transfer",
            "redeem", "coupon", "voucher", "invite", "booking", "reservation");

    /** Operations that exist to let an anonymous caller obtain or recover credentials. */
    private static final List<String> AUTHENTICATION_FLOW_WORDS = List.of("login", "logon", "signin", "signup",
            "register", "registration", "authenticate", "authorize", "oauth", "openid", "forgotpassword",
            "resetpassword", "passwordreset", "recoverpassword", "verifyemail", "confirmemail");

    private static final Set<String> TOKEN_ENDPOINT_SEGMENTS = Set.of("token", "tokens", "session", "sessions");

    private static final List<String> PERSONAL_WORDS = List.of("email", "phone", "mobile", "address", "street",
            "postcode", "postalcode", "zipcode", "birth", "dob", "firstname", "lastname", "fullname", "passport",
            "nationalid", "taxid", "gender", "ipaddress", "geolocation", "latitude", "longitude");

    private static final List<String> FINANCIAL_WORDS = List.of("creditcard", "cardnumber", "cardholder", "cvv",
            "cvc", "iban", "swift", "bankaccount", "accountnumber", "routingnumber", "sortcode", "balance", "salary",
            "income", "payout");

    /** Path segments under which administrative or internal functions usually live. */
    private static final Set<String> ADMIN_SEGMENTS = Set.of("admin", "admins", "administration", "administrator",
            "internal", "management", "manage", "debug", "actuator", "ops", "backoffice", "superuser", "sudo");

    private static final Set<String> URL_FORMATS = Set.of("uri", "url", "uri-reference", "iri", "iri-reference");

    private NameHeuristics() {}

    /** {@code id}, {@code userId}, {@code order_id}, {@code accountUUID} — references to a stored object. */
    public static boolean isObjectIdentifier(String name) {
        List<String> words = words(name);
        return !words.isEmpty() && IDENTIFIER_WORDS.contains(words.get(words.size() - 1));
    }

    /** Inputs the server may dereference: {@code url}, {@code avatarUri}, {@code callbackUrl}, {@code webhook}. */
    public static boolean isUrlLike(String name) {
        return words(name).stream().anyMatch(URL_WORDS::contains);
    }

    /**
     * A value the server may dereference: URL format, or a URL-like name on a string (or untyped)
     * value. A bare {@code callback} is a JSONP function name, not an address.
     */
    public static boolean isUrlInput(String name, Schema<?> schema) {
        boolean stringy = schema == null || Schemas.types(schema).isEmpty() || Schemas.isString(schema);
        boolean urlFormat = schema != null && schema.getFormat() != null && URL_FORMATS.contains(schema.getFormat());
        return stringy && (schema == null || !Schemas.isEnumerated(schema)) && (urlFormat || isUrlLike(name));
    }

    /** A credential sent in a URL: {@code api_key}, {@code access_token}, {@code password}; not {@code page_token}. */
    public static boolean isCredentialName(String name) {
        List<String> words = words(name);
        String n = normalise(name);
        if (words.isEmpty() || n.endsWith("tokentype") || n.endsWith("keytype")) {
            return false;
        }
        String last = words.get(words.size() - 1);
        if ((last.equals("token") || last.equals("tokens")) && words.stream().noneMatch(PAGINATION_WORDS::contains)) {
            return true;
        }
        return n.equals("key") || n.endsWith("apikey") || n.endsWith("accesskey") || n.contains("password")
                || n.contains("passwd") || n.contains("secret") || n.equals("sessionid") || n.equals("sid");
    }

    /** Personal data short of secrets: contact details, birth dates, location, government ids. */
    public static boolean isPersonalData(String name) {
        String n = normalise(name);
        return !n.isEmpty() && PERSONAL_WORDS.stream().anyMatch(n::contains);
    }

    /** Payment instruments and account data: card numbers, IBANs, balances, salaries. */
    public static boolean isFinancialData(String name) {
        String n = normalise(name);
        return !n.isEmpty() && FINANCIAL_WORDS.stream().anyMatch(n::contains);
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

    /**
     * An operation whose job is to let a caller without credentials get some: log-in, sign-up,
     * token endpoints, password recovery. These are anonymous by design.
     */
    public static boolean isAuthenticationFlow(String path, String operationId, boolean post) {
        String n = normalise(path) + " " + normalise(operationId);
        if (AUTHENTICATION_FLOW_WORDS.stream().anyMatch(n::contains)) {
            return true;
        }
        String[] segments = path.split("/");
        return post && segments.length > 0
                && TOKEN_ENDPOINT_SEGMENTS.contains(segments[segments.length - 1].toLowerCase(Locale.ROOT));
    }

    /** A path with a segment such as {@code admin}, {@code internal}, {@code management}, {@code actuator}. */
    public static boolean isAdministrative(String path) {
        for (String segment : path.split("/")) {
            if (ADMIN_SEGMENTS.contains(segment.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** {@code accountUUID} → [account, uuid]; {@code X-Request-ID} → [x, request, id]. */
    public static List<String> words(String name) {
        List<String> words = new ArrayList<>();
        if (name == null) {
            return words;
        }
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                flush(word, words);
                continue;
            }
            boolean upper = Character.isUpperCase(c);
            boolean prevLower = i > 0 && (Character.isLowerCase(name.charAt(i - 1)) || Character.isDigit(name.charAt(i - 1)));
            boolean nextLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
            boolean prevUpper = i > 0 && Character.isUpperCase(name.charAt(i - 1));
            // camelCase boundary, or the last capital of an acronym before a word: "HTTPServer" → HTTP Server
            if (upper && (prevLower || (prevUpper && nextLower))) {
                flush(word, words);
            }
            word.append(Character.toLowerCase(c));
        }
        flush(word, words);
        return words;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (!word.isEmpty()) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    /** Lower case, letters and digits only: {@code credit_card-Number} becomes {@code creditcardnumber}. */
    static String normalise(String name) {
        return name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
