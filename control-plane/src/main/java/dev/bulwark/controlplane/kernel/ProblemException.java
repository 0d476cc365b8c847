package dev.bulwark.controlplane.kernel;

import dev.bulwark.contracts.schema.Violation;
import java.util.List;

/**
 * A request the API refuses, rendered as RFC 9457 problem+json by {@link dev.bulwark.controlplane.web.ProblemHandler}.
 *
 * @param key stable SCREAMING_SNAKE key; the problem {@code type} is derived from it
 */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String key;
    private final String title;
    private final List<Violation> errors;

    public ProblemException(int status, String key, String title, String detail, List<Violation> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.key = key;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static ProblemException notFound(String resource) {
        return new ProblemException(404, "NOT_FOUND", "Not found", resource + " does not exist", null);
    }

    public static ProblemException invalid(List<Violation> errors) {
        return new ProblemException(400, "VALIDATION_FAILED", "Invalid request",
                "The request has " + errors.size() + " invalid field(s)", errors);
    }

    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new Violation(field, message)));
    }

    public static ProblemException conflict(String key, String detail) {
        return new ProblemException(409, key, "Conflict", detail, null);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "FORBIDDEN", "Forbidden", detail, null);
    }

    public static ProblemException unauthorized() {
        return new ProblemException(401, "UNAUTHENTICATED", "Authentication required", "A valid session is required", null);
    }

    public int status() {
        return status;
    }

    public String key() {
        return key;
    }

    public String title() {
        return title;
    }

    public List<Violation> errors() {
        return errors;
    }
}
