package dev.bulwark.dataplane.threat.injection.input;

/** A reusable view of a region of another sequence: lets parsers hand out names and values without copying. */
final class Slice implements CharSequence {
    private CharSequence source = "";
    private int from;
    private int to;

    Slice set(CharSequence source, int from, int to) {
        this.source = source;
        this.from = from;
        this.to = to;
        return this;
    }

    @Override
    public int length() {
        return to - from;
    }

    @Override
    public char charAt(int index) {
        return source.charAt(from + index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return source.subSequence(from + start, from + end);
    }

    @Override
    public String toString() {
        return source.subSequence(from, to).toString();
    }
}
