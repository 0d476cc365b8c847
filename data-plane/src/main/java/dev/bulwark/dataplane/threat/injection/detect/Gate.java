package dev.bulwark.dataplane.threat.injection.detect;

import dev.bulwark.dataplane.threat.injection.input.InputKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A detector's declaration of what a value must contain for any of its rules to match: one of the
 * character classes {@link #chars} (a {@link Subject} mask), one of the {@link #both} pairs of
 * classes, one of the {@link #words} as a whole word (a maximal run of {@code [A-Za-z0-9_]},
 * case-folded; a word also counts with its trailing digits cut, for versioned program names), one
 * of the {@link #followed} words followed by its last character, directly or after whitespace
 * ({@code http:}, {@code alert (}), a word starting with one of the {@link #prefixes}, one of the
 * {@link #schemes} as a run of letters directly before a colon ({@code javascript:} also in
 * {@code 1javascript:}), one of the {@link #kinds} of input, or one of the {@link #flags} the
 * {@link Prefilter} computes in the same pass. A value that meets none of them
 * cannot match, so the engine does not call the detector. Derived rule by rule in each detector
 * (see its {@code gate()}); {@code PrefilterDeclarationTest}, every family's tests (run in
 * {@code PrefilterMode.AUDIT}) and the audited corpus replay check the derivation.
 *
 * <p>A trigger word with characters other than word characters is dropped when one of its
 * characters is in {@link #chars} (a value holding it meets the declaration by that character);
 * otherwise its longest run of word characters stands for it, which any value holding the word
 * holds as a whole word too.
 */
public record Gate(long chars, List<Both> both, List<String> words, List<String> followed, List<String> prefixes,
        List<String> schemes, Set<InputKind> kinds, int flags) {
    /** A run of base64 characters of six or more that looks encoded (see {@code Base64Tokens}). */
    public static final int ENCODED = 1;
    /**
     * An {@code e} right after a digit and a dot ({@code 1.e}): MySQL reads the number on into it and
     * the rest of the word is a word of its own. (The tail of a word led by a number, {@code 1union},
     * is looked up as a word: see {@code NumberTails}.)
     */
    public static final int BARE_EXPONENT = 1 << 1;
    /** The value as received spelled an identifier with {@code \}{@code u} escapes. */
    public static final int ESCAPED_IDENTIFIER = 1 << 2;
    /** {@code --}, {@code @@} or {@code @?}: SQL operators made of characters that are ordinary one at a time. */
    public static final int PAIRED_OPERATOR = 1 << 3;
    /** The value's first character after spaces is a dot (a shell dot-command such as {@code .system}). */
    public static final int DOT_LED = 1 << 4;
    /** Two or more {@code @} (OGNL's {@code @class@member}); an e-mail address has one. */
    public static final int TWO_ATS = 1 << 5;
    /**
     * An {@link #ENCODED} run with an upper-case letter and two letters beyond {@code a-f}: with fewer
     * its base64 cannot decode to Java's serialisation magic or to any of the Java keywords that
     * {@code Base64Tokens} looks for (an exhaustive search over the 6-bit alignments: the magic needs
     * two such letters and an upper-case one, every keyword more); or the magic in hex, {@code aced0005}.
     */
    public static final int ENCODED_TEXT = 1 << 6;
    /** A typographic quote ({@link #typographicQuote}); other non-ASCII characters stay text to SQL. */
    public static final int TYPOGRAPHIC_QUOTE = 1 << 7;
    /** {@code ¼} (U+00BC), which a 7-bit-stripped Latin-1 page reads as {@code <}. */
    public static final int LT_LOOKALIKE = 1 << 8;
    /**
     * A colon after a run of letters split by a tab, CR or LF ({@code java&#9;script:}): browsers drop
     * those inside a scheme, so such a run may spell one that {@link #schemes} cannot see.
     */
    public static final int SPLIT_SCHEME = 1 << 9;
    /** {@code __} or {@code $$}: the markers of {@code __proto__} and of serialised functions ({@code _$$ND_FUNC$$_}). */
    public static final int DOUBLED_MARK = 1 << 10;
    /** {@code []}, which every JSFuck atom holds ({@code ![]}, {@code +[]}, {@code [][(}). */
    public static final int EMPTY_BRACKETS = 1 << 11;
    /**
     * A run that {@code Base64Tokens} searches for keywords (an {@link #ENCODED} run of eight or more
     * characters, not led by {@code eyJ}) and whose decoding, at one of the four alignments, can be
     * mostly printable: see {@link Base64Printable}.
     */
    public static final int ENCODED_PRINTABLE = 1 << 12;
    /** How many flags there are. */
    static final int FLAG_COUNT = 13;

    /** The character classes of plain words and sentences; every other class is syntax. */
    public static final long WORDS_AND_SPACES = Subject.LETTER | Subject.UPPER | Subject.DIGIT | Subject.SPACE | Subject.UNDERSCORE;
    /** Every class but those of {@link #WORDS_AND_SPACES}. */
    public static final long SYNTAX = (1L << 39) - 1 & ~WORDS_AND_SPACES;

    /** No declaration: the detector runs on every value. */
    public static final Gate ALWAYS = new Gate(-1L, List.of(), List.of(), List.of(), List.of(), List.of(), EnumSet.allOf(InputKind.class),
            0);

    /** Met when the value holds a class of {@code either} and a class of {@code and}. */
    public record Both(long either, long and) {
    }

    public Gate {
        both = List.copyOf(both);
        words = List.copyOf(words);
        followed = List.copyOf(followed);
        prefixes = List.copyOf(prefixes);
        schemes = List.copyOf(schemes);
        kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(kinds);
    }

    public static Gate chars(long chars) {
        return new Gate(chars, List.of(), List.of(), List.of(), List.of(), List.of(), Set.of(), 0);
    }

    /** Adds the pair: a class of {@code either} and a class of {@code and} both present. */
    public Gate both(long either, long and) {
        List<Both> all = new ArrayList<>(both);
        all.add(new Both(either, and));
        return new Gate(chars, all, words, followed, prefixes, schemes, kinds, flags);
    }

    public Gate words(Collection<String> more) {
        List<String> all = new ArrayList<>(words);
        for (String word : more) {
            String folded = word.toLowerCase(Locale.ROOT);
            if (plainWord(folded)) {
                all.add(folded);
            } else if (!visibleByChars(folded)) {
                String run = longestRun(folded);
                if (run.isEmpty()) {
                    throw new IllegalArgumentException("a trigger word without word characters outside the gate: " + word);
                }
                all.add(run);
            }
        }
        return new Gate(chars, both, all, followed, prefixes, schemes, kinds, flags);
    }

    public Gate words(String... more) {
        return words(List.of(more));
    }

    /**
     * Adds each (plain) word followed by each of {@code followers} (ASCII characters but word characters),
     * directly or after whitespace: a follower that is whitespace itself counts directly.
     */
    public Gate followedBy(String followers, Collection<String> more) {
        List<String> all = new ArrayList<>(followed);
        for (String word : more) {
            String folded = word.toLowerCase(Locale.ROOT);
            if (!plainWord(folded)) {
                throw new IllegalArgumentException("not a plain word: " + word);
            }
            for (char c : followers.toCharArray()) {
                if (c >= 128 || wordChar(Character.toLowerCase(c))) {
                    throw new IllegalArgumentException("a follower must be ASCII and not a word character: " + c);
                }
                all.add(folded + c);
            }
        }
        return new Gate(chars, both, words, all, prefixes, schemes, kinds, flags);
    }

    /** Adds words that count at the start of a longer word too ({@code classloader} in {@code classLoaderX}). */
    public Gate prefixes(String... more) {
        List<String> all = new ArrayList<>(prefixes);
        for (String prefix : more) {
            String folded = prefix.toLowerCase(Locale.ROOT);
            if (!plainWord(folded) || folded.length() >= 64) {
                throw new IllegalArgumentException("not a plain word under 64 characters: " + prefix);
            }
            all.add(folded);
        }
        return new Gate(chars, both, words, followed, all, schemes, kinds, flags);
    }

    /** Adds schemes, which count as a maximal run of ASCII letters directly followed by {@code :}. */
    public Gate schemes(String... more) {
        List<String> all = new ArrayList<>(schemes);
        for (String scheme : more) {
            String folded = scheme.toLowerCase(Locale.ROOT);
            if (folded.isEmpty() || !folded.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
                throw new IllegalArgumentException("a scheme is made of letters: " + scheme);
            }
            all.add(folded);
        }
        return new Gate(chars, both, words, followed, prefixes, all, kinds, flags);
    }

    public Gate kinds(InputKind... more) {
        Set<InputKind> all = kinds.isEmpty() ? EnumSet.noneOf(InputKind.class) : EnumSet.copyOf(kinds);
        all.addAll(List.of(more));
        return new Gate(chars, both, words, followed, prefixes, schemes, all, flags);
    }

    public Gate flags(int more) {
        return new Gate(chars, both, words, followed, prefixes, schemes, kinds, flags | more);
    }

    /**
     * The quote signs a best-fit conversion to a database's code page turns into {@code '} or {@code "}
     * (’ ” and their full-width forms): SQL's tokenizer reads them as quotes, and its tests hold the two
     * lists equal.
     */
    public static boolean typographicQuote(char c) {
        return switch (c) {
            case '\u2018', '\u2019', '\u201B', '\u02BC', '\uFF07', '\u201C', '\u201D', '\uFF02' -> true;
            default -> false;
        };
    }

    static boolean plainWord(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (!wordChar(word.charAt(i))) {
                return false;
            }
        }
        return !word.isEmpty();
    }

    private static boolean wordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_';
    }

    private static String longestRun(String word) {
        int bestStart = 0;
        int bestLength = 0;
        for (int i = 0; i < word.length(); ) {
            int start = i;
            while (i < word.length() && wordChar(word.charAt(i))) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
            i = Math.max(i, start + 1);
        }
        return word.substring(bestStart, bestStart + bestLength);
    }

    /** Whether one of the word's characters belongs to a class in {@link #chars}. */
    private boolean visibleByChars(String word) {
        for (int i = 0; i < word.length(); i++) {
            if ((Subject.classOf(word.charAt(i)) & chars) != 0) {
                return true;
            }
        }
        return false;
    }
}
