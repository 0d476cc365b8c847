package dev.bulwark.securitytesting.audit;


/**
 * A 0–100 score, its grade, and the two parts it is made of (see {@link ScorePolicy}): security
 * (who may call what, transport, secrets…) and data validation (how precisely the contract
 * describes the data, i.e. what a validating gateway can enforce).
 */
public record Score(int value, Grade grade, int security, int dataValidation) {

    public Score {
        check("score", value);
        check("security", security);
        check("dataValidation", dataValidation);
        if (grade != Grade.of(value)) {
            throw new IllegalArgumentException("Grade " + grade + " does not match score " + value);
        }
    }

    /** The overall score from its parts: security counts twice. */
    public static Score of(int security, int dataValidation) {
        int value = Math.round((2 * security + dataValidation) / 3.0f);
        return new Score(value, Grade.of(value), security, dataValidation);
    }

    private static void check(String what, int v) {
        if (v < 0 || v > 100) {
            throw new IllegalArgumentException(what + " must be within 0..100: " + v);
        }
    }
}
