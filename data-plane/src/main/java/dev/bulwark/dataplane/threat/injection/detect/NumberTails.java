package dev.bulwark.dataplane.threat.injection.detect;

/**
 * Where a SQL tokenizer's number ends inside a word that starts with a digit: {@code 1union} is the
 * number 1 and the keyword {@code union}, {@code 0x1fselect} the hex number 0x1f and {@code select},
 * {@code 1e5from} 1e5 and {@code from}. The prefilter looks the rest of such a word (its tail) up as a
 * word of its own, so a date-time's {@code 06T09} is read as the word {@code T09}, not as a possible
 * keyword. One state per character, the reading of {@code SqlTokenizer.number}: {@code 0x} and hex
 * digits, {@code 0b} and binary digits, decimal digits with an exponent {@code e} and digits; a marker
 * ({@code x}, {@code b}, {@code e}) not followed by its digits starts the tail itself.
 */
final class NumberTails {
    static final int NONE = 0;
    static final int DIGITS = 1;
    static final int ZERO = 2;
    static final int HEX_MARK = 3;
    static final int HEX = 4;
    static final int BIN_MARK = 5;
    static final int BIN = 6;
    static final int EXP_MARK = 7;
    static final int EXP = 8;
    static final int TAIL = 9;

    private NumberTails() {
    }

    /** The state at a word's first character. */
    static int start(char c) {
        return c == '0' ? ZERO : c >= '1' && c <= '9' ? DIGITS : NONE;
    }

    /** The state after the next word character {@code c}. */
    static int next(int state, char c) {
        boolean digit = c >= '0' && c <= '9';
        char f = (char) (c | 0x20);
        return switch (state) {
            case ZERO -> digit ? DIGITS : f == 'x' ? HEX_MARK : f == 'b' ? BIN_MARK : f == 'e' ? EXP_MARK : TAIL;
            case DIGITS -> digit ? DIGITS : f == 'e' ? EXP_MARK : TAIL;
            case HEX_MARK, HEX -> digit || f >= 'a' && f <= 'f' ? HEX : TAIL;
            case BIN_MARK -> c == '0' || c == '1' ? BIN : TAIL;
            case BIN -> c == '0' || c == '1' ? BIN : digit ? start(c) : TAIL;    // 0b012: a second number
            case EXP_MARK, EXP -> digit ? EXP : TAIL;
            case TAIL -> TAIL;
            default -> NONE;
        };
    }

    /** A marker that is part of the tail unless its digits follow. */
    static boolean mark(int state) {
        return state == HEX_MARK || state == BIN_MARK || state == EXP_MARK;
    }

    /** Whether {@code state}, reached from {@code before}, starts a tail at the current character. */
    static boolean startsTail(int before, int state) {
        return mark(state) || state == TAIL && before != TAIL && !mark(before);
    }

    /** Whether the word, ended in {@code state}, has a tail to look up. */
    static boolean hasTail(int state) {
        return state == TAIL || mark(state);
    }
}
