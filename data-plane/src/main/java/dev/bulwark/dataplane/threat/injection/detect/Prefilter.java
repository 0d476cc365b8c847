package dev.bulwark.dataplane.threat.injection.detect;

import dev.bulwark.dataplane.threat.injection.input.InputKind;

/**
 * The literal prefilter: decides, in one pass over a value, which detectors can match it at all,
 * from their {@link Gate} declarations. The pass hashes each word (case-folded) once into a table
 * that unites every detector's trigger words (whole, followed by a character, as a prefix, or after
 * the number that leads a word), and notes the base64 runs and character pairs that some
 * declarations name; the character classes come from the {@link Subject}'s mask. A value of plain words that none of the
 * families' vocabularies holds (most JSON keys, names, cities, currencies) is then read by the few
 * families whose syntax characters it carries, and often by none.
 *
 * <p>Immutable; built once per engine from its detectors (at most 64).
 */
public final class Prefilter {
    /** Separates the prefixes' keys from the whole words' in the one table. */
    private static final long PREFIX_SALT = 0x5DEECE66DL;
    /** Java's serialisation magic in hex, which {@link Gate#ENCODED_TEXT} also stands for. */
    private static final String ACED = "aced0005";

    private final long all;
    private final long[] chars;
    private final long[] pairEither;
    private final long[] pairAnd;
    private final long[] pairBit;
    private final long[] byKind = new long[InputKind.values().length];
    private final long encoded;
    private final long bareExponent;
    private final long escaped;
    private final long paired;
    private final long dotLed;
    private final long twoAts;
    private final long encodedText;
    private final long typographic;
    /** The detectors that a word or a flag of the word pass can still admit. */
    private final long byPass;
    private final long[] keys;
    private final long[] bits;
    private final int tableMask;
    private final int maxWord;
    /** Characters (below 64) that directly follow a trigger word of {@link Gate#followed}. */
    private final long followers;
    /** Lengths (below 64) of the prefixes. */
    private final long prefixLengths;

    public Prefilter(Detector[] detectors) {
        if (detectors.length > 64) {
            throw new IllegalArgumentException("at most 64 detectors");
        }
        chars = new long[detectors.length];
        int words = 0;
        int pairs = 0;
        for (Detector detector : detectors) {
            Gate gate = detector.gate();
            words += gate.words().size() + gate.followed().size() + gate.prefixes().size();
            pairs += gate.both().size();
        }
        pairEither = new long[pairs];
        pairAnd = new long[pairs];
        pairBit = new long[pairs];
        int capacity = Integer.highestOneBit(Math.max(8, words * 2)) << 1;
        keys = new long[capacity];
        bits = new long[capacity];
        tableMask = capacity - 1;
        long[] flagBits = new long[8];
        long wordBits = 0;
        long followerChars = 0;
        long lengths = 0;
        int longest = 0;
        int pair = 0;
        for (int i = 0; i < detectors.length; i++) {
            Gate gate = detectors[i].gate();
            long bit = 1L << i;
            chars[i] = gate.chars();
            for (Gate.Both both : gate.both()) {
                pairEither[pair] = both.either();
                pairAnd[pair] = both.and();
                pairBit[pair++] = bit;
            }
            for (InputKind kind : gate.kinds()) {
                byKind[kind.ordinal()] |= bit;
            }
            for (int f = 0; f < flagBits.length; f++) {
                flagBits[f] |= (gate.flags() & 1 << f) != 0 ? bit : 0;
            }
            for (String word : gate.words()) {
                put(mix(hash(word)), bit);
                longest = Math.max(longest, word.length());
            }
            for (String word : gate.followed()) {
                put(mix(hash(word)), bit);
                followerChars |= 1L << word.charAt(word.length() - 1);
                longest = Math.max(longest, word.length());
            }
            for (String prefix : gate.prefixes()) {
                put(mix(hash(prefix)) ^ PREFIX_SALT, bit);
                lengths |= 1L << prefix.length();
            }
            wordBits |= gate.words().isEmpty() && gate.followed().isEmpty() && gate.prefixes().isEmpty() ? 0 : bit;
        }
        all = detectors.length == 64 ? -1L : (1L << detectors.length) - 1;
        encoded = flagBits[0];
        bareExponent = flagBits[1];
        escaped = flagBits[2];
        paired = flagBits[3];
        dotLed = flagBits[4];
        twoAts = flagBits[5];
        encodedText = flagBits[6];
        typographic = flagBits[7];
        byPass = wordBits | encoded | bareExponent | paired | dotLed | twoAts | encodedText | typographic;
        maxWord = longest;
        followers = followerChars;
        prefixLengths = lengths;
    }

    private void put(long key, long bit) {
        long k = key == 0 ? 1 : key;    // 0 marks an empty slot
        int slot = (int) (k >>> 40) & tableMask;
        while (keys[slot] != 0 && keys[slot] != k) {
            slot = slot + 1 & tableMask;
        }
        keys[slot] = k;
        bits[slot] |= bit;
    }

    /** Every detector: what the engine runs when the prefilter is off. */
    public long all() {
        return all;
    }

    /** The detectors (bit i for the engine's detector i) whose declaration {@code s} meets. */
    public long admitted(Subject s) {
        long mask = s.mask();
        long run = byKind[s.kind().ordinal()];
        for (int i = 0; i < chars.length; i++) {
            if ((mask & chars[i]) != 0) {
                run |= 1L << i;
            }
        }
        for (int p = 0; p < pairBit.length; p++) {
            if ((mask & pairEither[p]) != 0 && (mask & pairAnd[p]) != 0) {
                run |= pairBit[p];
            }
        }
        if (s.escapedIdentifier()) {
            run |= escaped;
        }
        return (byPass & ~run) == 0 ? run : run | wordPass(s.text(), byPass & ~run);
    }

    /**
     * One pass, one read per character: each word looked up once (once more without its trailing
     * digits, with the character that follows it, at each prefix length, and the tail after a
     * leading number), base64 runs and the character pairs noted. A word run lies inside a base64 run.
     */
    private long wordPass(CharSequence t, long wanted) {
        long found = 0;
        int n = t.length();
        int wordStart = -1;
        long h = 0;
        long stem = 0;
        int stemEnd = 0;
        int number = NumberTails.NONE;
        long tail = 0;
        int tailLength = 0;
        int runStart = -1;
        boolean digitOrPlus = false;
        boolean lower = false;
        int upper = 0;
        boolean anyUpper = false;
        int beyondHex = 0;
        int aced = 0;
        char previous = 0;
        char beforePrevious = 0;
        boolean started = false;
        int ats = 0;
        for (int i = 0; i <= n; i++) {
            char c = i < n ? t.charAt(i) : 0;    // 0 ends the last runs
            boolean digit = c >= '0' && c <= '9';
            boolean isLower = c >= 'a' && c <= 'z';
            boolean isUpper = c >= 'A' && c <= 'Z';
            if (digit || isLower || isUpper || c == '_') {
                if (wordStart < 0) {
                    wordStart = i;
                    h = 0;
                    stemEnd = i;
                    number = NumberTails.start(c);
                    // 1.e: MySQL reads the number on into the exponent's letter
                    boolean afterNumber = previous == '.' && beforePrevious >= '0' && beforePrevious <= '9';
                    found |= (c | 0x20) == 'e' && afterNumber ? bareExponent : 0;
                } else if (number != NumberTails.NONE) {
                    int before = number;
                    number = NumberTails.next(number, c);
                    if (NumberTails.startsTail(before, number)) {
                        tail = 0;
                        tailLength = 0;
                    }
                    if (NumberTails.hasTail(number)) {
                        tail = tail * 31 + (isUpper ? c + 32 : c);
                        tailLength++;
                    }
                }
                h = h * 31 + (isUpper ? c + 32 : c);
                int length = i + 1 - wordStart;
                if (length < 64 && (prefixLengths >>> length & 1) != 0) {
                    found |= lookupPrefix(h);
                }
                if (!digit) {
                    stem = h;
                    stemEnd = i + 1;
                }
            } else if (wordStart >= 0) {
                found |= lookup(h, i - wordStart) | (stemEnd < i && stemEnd > wordStart ? lookup(stem, stemEnd - wordStart) : 0);
                found |= c < 64 && (followers >>> c & 1) != 0 ? lookup(h * 31 + c, i - wordStart + 1) : 0;
                found |= NumberTails.hasTail(number) ? lookup(tail, tailLength) : 0;
                wordStart = -1;
            }
            if (c == '-' && previous == '-' || previous == '@' && (c == '@' || c == '?')) {
                found |= paired;
            }
            // the first character but spaces ('+' is one once a form value is decoded again)
            if (!started && i < n && !(c == ' ' || c >= '\t' && c <= '\r' || c == '+')) {
                started = true;
                found |= c == '.' ? dotLed : 0;
            }
            if (c > 0x7F && Gate.typographicQuote(c)) {
                found |= typographic;
            }
            if (c == '@' && ++ats == 2) {
                found |= twoAts;
            }
            char folded = isUpper ? (char) (c + 32) : c;
            aced = folded == ACED.charAt(aced) ? aced + 1 : folded == 'a' ? 1 : 0;    // no border: a mismatch restarts
            if (aced == ACED.length()) {
                found |= encodedText;
                aced = 0;
            }
            // mirrors Base64Tokens.encodedLooking on each run of six or more base64 characters
            if (Base64Text.value(c) >= 0) {
                if (runStart < 0) {
                    runStart = i;
                    digitOrPlus = false;
                    lower = false;
                    upper = 0;
                    anyUpper = false;
                    beyondHex = 0;
                }
                digitOrPlus |= digit || c == '+';
                lower |= isLower;
                upper += isUpper && i > runStart ? 1 : 0;
                anyUpper |= isUpper;
                beyondHex += folded > 'f' && folded <= 'z' ? 1 : 0;
            } else if (runStart >= 0) {
                boolean encodedLooking = i - runStart >= 6 && (digitOrPlus || upper >= 2 && lower);
                found |= encodedLooking ? encoded : 0;
                found |= encodedLooking && anyUpper && beyondHex >= 2 ? encodedText : 0;
                runStart = -1;
                if ((found & wanted) == wanted) {
                    return found;
                }
            }
            beforePrevious = previous;
            previous = c;
        }
        return found;
    }

    private long lookup(long hash, int length) {
        return length > maxWord ? 0 : probe(mix(hash));
    }

    private long lookupPrefix(long hash) {
        return probe(mix(hash) ^ PREFIX_SALT);
    }

    private long probe(long key) {
        long k = key == 0 ? 1 : key;
        int slot = (int) (k >>> 40) & tableMask;
        while (keys[slot] != 0) {
            if (keys[slot] == k) {
                return bits[slot];
            }
            slot = slot + 1 & tableMask;
        }
        return 0;
    }

    private static long hash(String word) {
        long h = 0;
        for (int i = 0; i < word.length(); i++) {
            h = h * 31 + word.charAt(i);
        }
        return h;
    }

    /** Spreads the hash. Two words with one key only make a detector run needlessly. */
    private static long mix(long h) {
        long k = h * 0x9E3779B97F4A7C15L;
        return k ^ k >>> 29;
    }
}
