package dev.bulwark.securitytesting.audit;

/** A 0–100 security score and its grade. */
public record Score(int value, Grade grade) {

    public Score {
        if (value < 0 || value > 100) {
            throw new IllegalArgumentException("Score must be within 0..100: " + value);
        }
        if (grade != Grade.of(value)) {
            throw new IllegalArgumentException("Grade " + grade + " does not match score " + value);
        }
    }

    public static Score of(int value) {
        return new Score(value, Grade.of(value));
    }
}
