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
    private static final Set<SensitiveDataKind> COUNTRY_IDS = EnumSet.of(SensitiveDataKind.UK_NINO, SensitiveDataKind.FR_NIR,
            SensitiveDataKind.DE_TAX_ID, SensitiveDataKind.ES_DNI, SensitiveDataKind.IT_FISCAL_CODE, SensitiveDataKind.NL_BSN,
            SensitiveDataKind.BR_CPF, SensitiveDataKind.IN_AADHAAR);

    private final boolean cards;
    private final boolean ibans;
    private final boolean nationalIds;
    private final boolean privateKeys;
    private final boolean jwts;
    private final boolean apiKeys;
    private final boolean emails;
    private final boolean phones;
    /** The country-specific national ids that are on; empty in most configurations. */
    private final Set<SensitiveDataKind> countryIds;
    private final boolean digitIds;
    private final boolean letterIds;
    private final int keepLast;
    /** How many formats are on: what one candidate start may cost, for the work count. */
    private final int formats;

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
        on.retainAll(COUNTRY_IDS);
        countryIds = on;
        digitIds = !on.isEmpty();
        letterIds = on.contains(SensitiveDataKind.UK_NINO) || on.contains(SensitiveDataKind.ES_DNI)
                || on.contains(SensitiveDataKind.IT_FISCAL_CODE);
        this.keepLast = keepLast;
        this.formats = kinds.size();
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
        return scan(body, length, json, mask, stopAtFirst, null);
    }

    /**
     * The same pass, counting its work into {@code work[0]} when given (the linear-time test): one per
     * byte stepped over and one per format tried at a candidate start. Each format's look-ahead is a
     * constant bound (see {@link Matchers}), so linear growth of this count is linear growth of the pass.
     */
    Result scan(byte[] body, int length, boolean json, boolean mask, boolean stopAtFirst, long[] work) {
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
            boolean candidate = Matchers.boundary(previous) || c == '@';
            if (work != null) {
                work[0] += candidate ? 1 + formats : 1;
            }
            Finding found = candidate ? match(body, i, length) : null;
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
            return digitIds ? countryId(b, i, n) : null;
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
        return letterIds && Matchers.upperLetter(c) ? countryId(b, i, n) : null;
    }

    /** The enabled country ids, longest forms first, so that a 15-digit NIR is not read as a shorter id's prefix. */
    private Finding countryId(byte[] b, int i, int n) {
        int end;
        if (on(SensitiveDataKind.IT_FISCAL_CODE) && (end = NationalIds.itFiscalCode(b, i, n)) > 0) {
            return new Finding(SensitiveDataKind.IT_FISCAL_CODE, i, end);
        }
        if (on(SensitiveDataKind.FR_NIR) && (end = NationalIds.frNir(b, i, n)) > 0) {
            return new Finding(SensitiveDataKind.FR_NIR, i, end);
        }
        if (on(SensitiveDataKind.IN_AADHAAR) && (end = NationalIds.inAadhaar(b, i, n)) > 0) {
            return new Finding(SensitiveDataKind.IN_AADHAAR, i, end);
        }
        if (on(SensitiveDataKind.BR_CPF) && (end = NationalIds.brCpf(b, i, n)) > 0) {
            return new Finding(SensitiveDataKind.BR_CPF, i, end);
        }
        if (on(SensitiveDataKind.DE_TAX_ID) && (end = NationalIds.deTaxId(b, i, n)) > 0) {
            return new Finding(SensitiveDataKind.DE_TAX_ID, i, end);
        }
        if (on(SensitiveDataKind.NL_BSN) && (end = NationalIds.nlBsn(b, i, n)) > 0) {
            return new Finding(SensitiveDataKind.NL_BSN, i, end);
        }
        if (on(SensitiveDataKind.ES_DNI) && (end = NationalIds.esDni(b, i, n)) > 0) {
            return new Finding(SensitiveDataKind.ES_DNI, i, end);
        }
        if (on(SensitiveDataKind.UK_NINO) && (end = NationalIds.ukNino(b, i, n)) > 0) {
            return new Finding(SensitiveDataKind.UK_NINO, i, end);
        }
        return null;
    }

    private boolean on(SensitiveDataKind kind) {
        return countryIds.contains(kind);
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
            case CARD_NUMBER, IBAN, NATIONAL_ID, PHONE, UK_NINO, FR_NIR, DE_TAX_ID, ES_DNI, IT_FISCAL_CODE, NL_BSN, BR_CPF, IN_AADHAAR ->
                    to = keepFromEnd(b, from, to, keepLast);
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
