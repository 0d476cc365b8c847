package dev.bulwark.controlplane.kernel;

import java.sql.SQLException;

/** Tells which unique constraint a failed write ran into, to answer with the right conflict. */
public final class Constraints {
    private Constraints() {
    }

    public static boolean isUniqueViolation(Throwable error, String constraint) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return sql.getMessage() != null && sql.getMessage().contains("\"" + constraint + "\"");
            }
        }
        return false;
    }
}
