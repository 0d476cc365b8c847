package dev.bulwark.controlplane.identity;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * The one form in which an email address is stored and compared (members, developers,
 * invitations, log-in, sign-up): NFKC, then case-folded (upper then lower case, which folds
 * {@code ß} to {@code ss} and the Kelvin sign to {@code k}), then NFKC again because folding can
 * un-compose characters. Two addresses that a person reads as the same therefore have one
 * account; PostgreSQL's {@code lower()} and Java's {@code toLowerCase} disagreed on exactly that.
 */
public final class Emails {
    private Emails() {
    }

    /** The stored, compared form; null stays null. */
    public static String normalise(String raw) {
        if (raw == null) {
            return null;
        }
        String compatible = Normalizer.normalize(raw.strip(), Normalizer.Form.NFKC);
        String folded = compatible.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return Normalizer.normalize(folded, Normalizer.Form.NFKC);
    }

    /**
     * Why an address is refused even though it has an {@code @}: invisible characters (format
     * and control characters such as U+200B, U+00AD, U+202E) and whitespace survive NFKC and
     * would give an address that looks like another one without being equal to it.
     */
    public static Optional<String> problem(String raw) {
        String normalised = normalise(raw);
        if (normalised == null || normalised.isEmpty()) {
            return Optional.of("must be an email address");
        }
        boolean invisible = normalised.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.CONTROL
                || Character.getType(c) == Character.UNASSIGNED || Character.getType(c) == Character.PRIVATE_USE);
        if (invisible) {
            return Optional.of("must not contain invisible, control or unassigned characters");
        }
        int at = normalised.indexOf('@');
        if (at <= 0 || at != normalised.lastIndexOf('@') || at == normalised.length() - 1 || normalised.length() > 254) {
            return Optional.of("must be an email address");
        }
        return Optional.empty();
    }
}
