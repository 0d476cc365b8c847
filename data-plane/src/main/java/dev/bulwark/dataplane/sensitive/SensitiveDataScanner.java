package dev.bulwark.dataplane.sensitive;

import dev.bulwark.contracts.policy.SensitiveDataKind;
import java.util.EnumSet;
import java.util.Set;

/**
 * Finds sensitive data in a response body and, when asked, masks it in place. One forward pass over
 * the bytes: at each token start the enabled formats are tried, each with a fixed look-ahead (see
 * {@link Matchers}), and the pass resumes after a match. Nothing depends on what came before a
 * token but its previous byte and whether a JSON string is open, so the same pass can run over a
 * stream chunk by chunk with the last {@link Matchers#PEM_BODY} bytes carried over. Masking keeps the
 * length and the document's syntax: only letters and digits are overwritten ({@code *} inside
 * strings and text, {@code 0} in a bare JSON number), escapes are left alone.
 */
public final class SensitiveDataScanner {
    /** Findings counted in one body before the pass stops looking (the response is masked that far, and refused in block mode). */
    public static final int MAX_FINDINGS = 10_000;

    private final boolean cards;
    private final boolean ibans;
    private final boolean nationalIds;
    private final boolean privateKeys;
    private final boolean jwts;
    private final boolean apiKeys;
    private final boolean emails;
    private final boolean phones;
    private final int keepLast;

    public SensitiveDataScanner(Set<SensitiveDataKind> kinds, int keepLast) {
        Set<SensitiveDataKind> on = kinds.isEmpty() ? EnumSet.noneOf(SensitiveDataKind.class) : EnumSet.copyOf(kinds);
        cards = on.contains(SensitiveDataKind.CARD_NUMBER);
        ibans = on.contains(SensitiveDataKind.IBAN);
        nationalIds = on.contains(SensitiveDataKind.NATIONAL_ID);
        privateKeys = on.contains(SensitiveDataKind.PRIVATE_KEY);
        jwts = on.contains(SensitiveDataKind.JWT);
        apiKeys = on.contains(SensitiveDataKind.API_KEY);
        emails = on.contains(SensitiveDataKind.EMAIL);
        phones = on.contains(SensitiveDataKind.PHONE);
        this.keepLast = keepLast;
    }

    /** What a pass found: how many findings, and the first (null when none). */
    public record Result(int count, Finding first) {
        public static final Result NONE = new Result(0, null);
    }

    /**
     * Scans {@code body[0, length)}.
     *
     * @param json     whether the body is JSON (a finding outside a string is masked with {@code 0}s)
     * @param mask     overwrite each finding in place
     * @param stopAtFirst return at the first finding (block and report modes need no more)
     */
    public Result scan(byte[] body, int length, boolean json, boolean mask, boolean stopAtFirst) {
        int count = 0;
        Finding first = null;
        boolean inString = false;
        int i = 0;
        while (i < length) {
            byte c = body[i];
            if (json && c == '"') {
                inString = !inString;
                i++;
                continue;
            }
            if (json && c == '\\' && inString) {
                i += 2;
                continue;
            }
            int previous = i == 0 ? ' ' : body[i - 1];
            Finding found = Matchers.boundary(previous) || c == '@' ? match(body, i, length) : null;
            if (found == null) {
                i++;
                continue;
            }
            if (first == null) {
                first = found;
            }
            if (mask) {
                mask(body, found, json && !inString);
            }
            if (++count >= MAX_FINDINGS || stopAtFirst) {
                break;
            }
            i = Math.max(i + 1, found.end());
        }
        return count == 0 ? Result.NONE : new Result(count, first);
    }

    private Finding match(byte[] b, int i, int n) {
        byte c = b[i];
        int end;
        if (Matchers.digit(c)) {
            if (cards && (end = Matchers.card(b, i, n)) > 0) {
                return new Finding(SensitiveDataKind.CARD_NUMBER, i, end);
            }
            if (nationalIds && (end = Matchers.ssn(b, i, n)) > 0) {
                return new Finding(SensitiveDataKind.NATIONAL_ID, i, end);
            }
            return null;
        }
        if (c == '-') {
            if (privateKeys && (end = Matchers.pemHeader(b, i, n)) > 0) {
                return new Finding(SensitiveDataKind.PRIVATE_KEY, end, Matchers.pemBodyEnd(b, end, n));
            }
            return null;
        }
        if (c == '@') {
            if (emails && (end = Matchers.emailEnd(b, i, n)) > 0) {
                return new Finding(SensitiveDataKind.EMAIL, Matchers.emailStart(b, i), end);
            }
            return null;
        }
        if (c == '+') {
            return phones && (end = Matchers.phone(b, i, n)) > 0 ? new Finding(SensitiveDataKind.PHONE, i, end) : null;
        }
        if (jwts && c == 'e' && (end = Matchers.jwt(b, i, n)) > 0) {
            return new Finding(SensitiveDataKind.JWT, i, end);
        }
        if (apiKeys && (end = Matchers.apiKey(b, i, n)) > 0) {
            return new Finding(SensitiveDataKind.API_KEY, i, end);
        }
        if (ibans && Matchers.upperLetter(c) && (end = Matchers.iban(b, i, n)) > 0) {
            return new Finding(SensitiveDataKind.IBAN, i, end);
        }
        return null;
    }

    /**
     * Overwrites the finding: numbers and account ids keep their last {@code keepLast} letters or
     * digits, tokens their first four characters (which name the issuer: {@code AKIA}, {@code eyJh},
     * {@code ghp_}), a private key its header and footer, an e-mail address its domain.
     */
    private void mask(byte[] b, Finding f, boolean bareNumber) {
        byte with = bareNumber ? (byte) '0' : (byte) '*';
        int from = f.start();
        int to = f.end();
        switch (f.kind()) {
            case CARD_NUMBER, IBAN, NATIONAL_ID, PHONE -> to = keepFromEnd(b, from, to, keepLast);
            case JWT, API_KEY -> from = Math.min(to, from + 4);
            case EMAIL -> to = indexOf(b, from, to, (byte) '@');
            case PRIVATE_KEY -> { }
        }
        for (int k = from; k < to; k++) {
            if (Matchers.alnum(b[k]) || f.kind() == SensitiveDataKind.PRIVATE_KEY && (b[k] == '+' || b[k] == '/' || b[k] == '=')) {
                if (k == 0 || b[k - 1] != '\\') {
                    b[k] = with;
                }
            }
        }
    }

    private static int keepFromEnd(byte[] b, int from, int to, int keep) {
        int k = to;
        while (k > from && keep > 0) {
            k--;
            if (Matchers.alnum(b[k])) {
                keep--;
            }
        }
        return k;
    }

    private static int indexOf(byte[] b, int from, int to, byte c) {
        for (int k = from; k < to; k++) {
            if (b[k] == c) {
                return k;
            }
        }
        return to;
    }
}
