package dev.bulwark.securitytesting.openapi;

/** One-based line and column of a node in the document text, as SARIF regions expect. */
public record SourcePosition(int line, int column) {

    public SourcePosition {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are one-based: " + line + ":" + column);
        }
    }
}
