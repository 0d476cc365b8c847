package dev.bulwark.controlplane.kernel;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bulwark.contracts.schema.Violation;
import java.util.List;

/** RFC 9457 problem details, with Bulwark's stable {@code key} and per-field {@code errors}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, String key,
                      String requestId, List<Violation> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://bulwark.dev/problems/";

    public static Problem of(ProblemException e, String instance, String requestId) {
        return new Problem(typeOf(e.key()), e.title(), e.status(), e.getMessage(), instance, e.key(), requestId, e.errors());
    }

    public static String typeOf(String key) {
        return TYPE_BASE + key.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
