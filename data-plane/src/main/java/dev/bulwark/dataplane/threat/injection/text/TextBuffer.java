package dev.bulwark.dataplane.threat.injection.text;

import java.util.Arrays;

/**
 * A growable character buffer that is its own {@link CharSequence}: what the hot loops append to
 * one character at a time (decoded JSON strings, shell words), without {@link StringBuilder}'s
 * per-append coder and capacity checks.
 *
 * <p>Not final only so that the linear-time tests can count the reads a detector makes (a subclass
 * that overrides {@link #charAt}); the gateway never loads a subclass, so calls stay monomorphic.
 */
public class TextBuffer implements CharSequence {
    private char[] chars;
    private int length;

    public TextBuffer(int capacity) {
        chars = new char[Math.max(16, capacity)];
    }

    public TextBuffer append(char c) {
        if (length == chars.length) {
            chars = Arrays.copyOf(chars, chars.length * 2);
        }
        chars[length++] = c;
        return this;
    }

    public TextBuffer appendCodePoint(int cp) {
        if (Character.isBmpCodePoint(cp)) {
            return append((char) cp);
        }
        append(Character.highSurrogate(cp));
        return append(Character.lowSurrogate(cp));
    }

    public void setLength(int length) {
        this.length = length;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
        return chars[index];
    }

    /** Appends every character of {@code s}. */
    public TextBuffer append(CharSequence s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            append(s.charAt(i));
        }
        return this;
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new String(chars, start, end - start);
    }

    @Override
    public String toString() {
        return new String(chars, 0, length);
    }
}
