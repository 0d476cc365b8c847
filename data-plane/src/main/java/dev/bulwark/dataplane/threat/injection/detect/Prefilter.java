package dev.bulwark.dataplane.threat.injection.detect;

import dev.bulwark.dataplane.threat.injection.input.InputKind;

/**
 * The literal prefilter: decides, in one pass over a value, which detectors can match it at all,
 * from their {@link Gate} declarations. The pass hashes each word (case-folded) once into a table
 * that unites every detector's trigger words (whole, followed by a character, as a prefix, or after
 * the number that leads a word, and the schemes before a colon), and notes the base64 runs and character pairs that some
 * declarations name; the character classes come from the {@link Subject}'s mask. A value of plain words that none of the
 * families' vocabularies holds (most JSON keys, names, cities, currencies) is then read by the few
 * families whose syntax characters it carries, and often by none.
 *
 * <p>Immutable; built once per engine from its detectors (at most 64).
 */
public final class Prefilter {
    /** Java's serialisation magic in hex, eight characters of a byte each, which {@link Gate#ENCODED_TEXT} also stands for. */
    private static final long ACED = packed("aced0005");
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
    private final long ltLookalike;
    private final long splitScheme;
    private final long doubledMark;
    private final long emptyBrackets;
    private final long encodedPrintable;
    /** The detectors that a word or a flag of the word pass can still admit. */
    private final long byPass;
    private final TriggerTable table;
    private final int maxWord;
    /** Characters (below 64, and from 64 to 127) that follow a trigger word of {@link Gate#followed}. */
    private final long followersLow;
    private final long followersHigh;
    private final int maxScheme;
    /** Lengths (below 64) of the prefixes. */
    private final long prefixLengths;
    /** The (case-folded) first characters of the prefixes, below 64 and from 64 to 127: other words skip the prefix probes. */
    private final long prefixStartsLow;
    private final long prefixStartsHigh;

    public Prefilter(Detector[] detectors) {
        if (detectors.length > 64) {
            throw new IllegalArgumentException("at most 64 detectors");
        }
        chars = new long[detectors.length];
        int words = 0;
        int pairs = 0;
        for (Detector detector : detectors) {
            Gate gate = detector.gate();
            words += gate.words().size() + gate.followed().size() + gate.prefixes().size() + gate.schemes().size();
            pairs += gate.both().size();
        }
        pairEither = new long[pairs];
        pairAnd = new long[pairs];
        pairBit = new long[pairs];
        table = new TriggerTable(words);
        long[] flagBits = new long[Gate.FLAG_COUNT];
        long wordBits = 0;
        long followerLow = 0;
        long followerHigh = 0;
        int longestScheme = 0;
        long lengths = 0;
        long startsLow = 0;
        long startsHigh = 0;
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
                table.putWord(TriggerTable.hash(word), bit);
                longest = Math.max(longest, word.length());
            }
            for (String word : gate.followed()) {
                table.putWord(TriggerTable.hash(word), bit);
                char follower = word.charAt(word.length() - 1);
                followerLow |= follower < 64 ? 1L << follower : 0;
                followerHigh |= follower >= 64 ? 1L << follower - 64 : 0;
                longest = Math.max(longest, word.length());
            }
            for (String prefix : gate.prefixes()) {
                table.putPrefix(TriggerTable.hash(prefix), bit);
                lengths |= 1L << prefix.length();
                char first = prefix.charAt(0);
                startsLow |= first < 64 ? 1L << first : 0;
                startsHigh |= first >= 64 ? 1L << first - 64 : 0;
            }
            for (String scheme : gate.schemes()) {
                table.putScheme(TriggerTable.hash(scheme), bit);
                longestScheme = Math.max(longestScheme, scheme.length());
            }
            wordBits |= gate.words().isEmpty() && gate.followed().isEmpty() && gate.prefixes().isEmpty() && gate.schemes().isEmpty()
                    ? 0 : bit;
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
        ltLookalike = flagBits[8];
        splitScheme = flagBits[9];
        doubledMark = flagBits[10];
        emptyBrackets = flagBits[11];
        encodedPrintable = flagBits[12];
        long passFlags = 0;
        for (int f = 0; f < flagBits.length; f++) {
            passFlags |= f == 2 ? 0 : flagBits[f];    // the escaped identifier is the subject's, not the pass's
        }
        byPass = wordBits | passFlags;
        maxWord = longest;
        maxScheme = longestScheme;
        followersLow = followerLow;
        followersHigh = followerHigh;
        prefixLengths = lengths;
        prefixStartsLow = startsLow;
        prefixStartsHigh = startsHigh;
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
     * digits, with the character that follows it directly or after whitespace, at each prefix length,
     * and the tail after a leading number), each run of letters before a colon looked up as a scheme,
     * base64 runs and the character pairs noted. A word run lies inside a base64 run. An encoded-looking
     * run of eight characters or more (rare outside ids and payloads) has its first 48 read once more, by
     * {@link Base64Printable}: at most two reads per character.
     */
    private long wordPass(CharSequence t, long wanted) {
        long found = 0;
        int n = t.length();
        int wordStart = -1;
        long h = 0;
        long stem = 0;
        int stemEnd = 0;
        long prefixable = 0;    // the prefix lengths worth probing for the word being read
        int number = NumberTails.NONE;
        long tail = 0;
        int tailLength = 0;
        long pending = 0;    // a word followed by whitespace, until the next other character
        int pendingLength = 0;
        int lettersFrom = 0;    // where the word's last run of letters starts, for schemes
        long beforeLetters = 0;    // the word's hash before it
        boolean letterRun = false;    // in a run of letters, tabs, CRs and LFs that holds a letter
        boolean split = false;    // ... and a tab, CR or LF after one of its letters
        int runStart = -1;
        int runKinds = 0;    // the classes met in the base64 run
        int upper = 0;    // its capitals after the first
        int beyondHex = 0;
        long lastEight = 0;    // the word's last eight characters, case-folded, for Java's serialisation magic
        char previous = 0;
        char beforePrevious = 0;
        boolean started = false;
        int ats = 0;
        for (int i = 0; i <= n; i++) {
            char c = i < n ? t.charAt(i) : 0;    // 0 ends the last runs
            int kind = CharKinds.of(c);
            boolean isUpper = (kind & CharKinds.UPPER) != 0;
            char folded = isUpper ? (char) (c + 32) : c;
            if ((kind & CharKinds.WORD) != 0) {
                started = true;
                if (wordStart < 0) {
                    wordStart = i;
                    pendingLength = 0;    // a word is no follower
                    lettersFrom = i;
                    beforeLetters = 0;
                    h = 0;
                    stemEnd = i;
                    prefixable = startsPrefix(folded) ? prefixLengths : 0;
                    number = NumberTails.start(c);
                    // 1.e: MySQL reads the number on into the exponent's letter
                    boolean afterNumber = previous == '.' && beforePrevious >= '0' && beforePrevious <= '9';
                    found |= folded == 'e' && afterNumber ? bareExponent : 0;
                } else if (number != NumberTails.NONE) {
                    int before = number;
                    number = NumberTails.next(number, c);
                    if (NumberTails.startsTail(before, number)) {
                        tail = 0;
                        tailLength = 0;
                    }
                    if (NumberTails.hasTail(number)) {
                        tail = tail * 31 + folded;
                        tailLength++;
                    }
                }
                h = h * 31 + folded;
                int length = i + 1 - wordStart;
                if (length < 64 && (prefixable >>> length & 1) != 0) {
                    found |= lookupPrefix(h);
                }
                if ((kind & CharKinds.DIGIT) == 0) {
                    stem = h;
                    stemEnd = i + 1;
                }
                if ((kind & CharKinds.LETTER) != 0) {
                    letterRun = true;
                } else {
                    lettersFrom = i + 1;
                    beforeLetters = h;
                    letterRun = false;
                    split = false;
                    found |= c == '_' && previous == '_' ? doubledMark : 0;
                }
                lastEight = lastEight << 8 | folded;
                found |= lastEight == ACED ? encodedText : 0;
            } else {
                if (pendingLength > 0 && (kind & CharKinds.SPACE) == 0) {
                    found |= follower(c) ? lookup(pending * 31 + c, pendingLength + 1) : 0;
                    pendingLength = 0;
                }
                if (c == ':') {
                    found |= wordStart >= 0 ? scheme(h, beforeLetters, i - lettersFrom) : 0;
                    found |= split ? splitScheme : 0;
                }
                if (wordStart >= 0) {
                    int length = i - wordStart;
                    found |= lookup(h, length) | (stemEnd < i && stemEnd > wordStart ? lookup(stem, stemEnd - wordStart) : 0);
                    found |= follower(c) ? lookup(h * 31 + c, length + 1) : 0;
                    found |= NumberTails.hasTail(number) ? lookup(tail, tailLength) : 0;
                    if ((kind & CharKinds.SPACE) != 0 && length < maxWord) {
                        pending = h;
                        pendingLength = length;
                    }
                    wordStart = -1;
                }
                if ((kind & CharKinds.BREAK) != 0) {
                    split |= letterRun;
                } else {
                    letterRun = false;
                    split = false;
                }
                lastEight = 0;
                if ((kind & CharKinds.PUNCTUATION) != 0) {
                    found |= c == '-' && previous == '-' || previous == '@' && (c == '@' || c == '?') ? paired : 0;
                    found |= c == '$' && previous == '$' ? doubledMark : 0;
                    found |= c == ']' && previous == '[' ? emptyBrackets : 0;
                    found |= c == '@' && ++ats == 2 ? twoAts : 0;
                }
                // the first character but spaces ('+' is one once a form value is decoded again)
                if (!started && i < n && (kind & CharKinds.SPACE) == 0 && c != '+') {
                    started = true;
                    found |= c == '.' ? dotLed : 0;
                }
                if (c > 0x7F) {
                    found |= Gate.typographicQuote(c) ? typographic : 0;
                    found |= c == '\u00BC' ? ltLookalike : 0;
                }
            }
            // mirrors Base64Tokens.encodedLooking on each run of six or more base64 characters
            if ((kind & CharKinds.BASE64) != 0) {
                if (runStart < 0) {
                    runStart = i;
                    runKinds = 0;
                    upper = 0;
                    beyondHex = 0;
                } else {
                    upper += kind >>> CharKinds.UPPER_SHIFT & 1;
                }
                runKinds |= kind;
                beyondHex += kind >>> CharKinds.BEYOND_HEX_SHIFT & 1;
            } else if (runStart >= 0) {
                int length = i - runStart;
                boolean encodedLooking = length >= 6 && ((runKinds & CharKinds.DIGIT_OR_PLUS) != 0
                        || upper >= 2 && (runKinds & CharKinds.LOWER) != 0);
                found |= encodedLooking ? encoded : 0;
                found |= encodedLooking && (runKinds & CharKinds.UPPER) != 0 && beyondHex >= 2 ? encodedText : 0;
                // what Base64Tokens searches for keywords: eight or more characters, not a JSON web token
                found |= encodedLooking && length >= 8 && (wanted & encodedPrintable) != 0
                        && Base64Printable.possible(t, runStart, length) ? encodedPrintable : 0;
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

    /**
     * The schemes a word's last run of letters (its hash {@code h} less the part {@code before} it, of
     * {@code letters} characters) spells, that run being directly followed by a colon.
     */
    private long scheme(long h, long before, int letters) {
        if (letters == 0 || letters > maxScheme) {
            return 0;
        }
        long shift = 1;
        for (int k = 0; k < letters; k++) {
            shift *= 31;
        }
        return table.scheme(h - before * shift);
    }

    /** Whether some prefix starts with {@code c} (case-folded). */
    private boolean startsPrefix(char c) {
        return c < 64 ? (prefixStartsLow >>> c & 1) != 0 : c < 128 && (prefixStartsHigh >>> c - 64 & 1) != 0;
    }

    /** Whether {@code c} follows some trigger word of {@link Gate#followed}. */
    private boolean follower(char c) {
        return c < 64 ? (followersLow >>> c & 1) != 0 : c < 128 && (followersHigh >>> c - 64 & 1) != 0;
    }

    private long lookup(long hash, int length) {
        return length > maxWord ? 0 : table.word(hash);
    }

    private long lookupPrefix(long hash) {
        return table.prefix(hash);
    }

    private static long packed(String eight) {
        long packed = 0;
        for (int i = 0; i < 8; i++) {
            packed = packed << 8 | eight.charAt(i);
        }
        return packed;
    }
}
