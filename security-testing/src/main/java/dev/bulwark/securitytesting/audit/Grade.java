package dev.bulwark.securitytesting.audit;


/** Letter grade for a score, school style. */
public enum Grade {
    A(90),
    B(80),
    C(70),
    D(60),
    F(0);

    private final int minimumScore;

    Grade(int minimumScore) {
        this.minimumScore = minimumScore;
    }

    public int minimumScore() {
        return minimumScore;
    }

    public static Grade of(int score) {
        for (Grade grade : values()) {
            if (score >= grade.minimumScore) {
                return grade;
            }
        }
        throw new IllegalArgumentException("Score below zero: " + score);
    }
}
