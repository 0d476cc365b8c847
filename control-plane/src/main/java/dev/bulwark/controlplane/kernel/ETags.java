package dev.bulwark.controlplane.kernel;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Optimistic concurrency over HTTP: a resource's ETag is {@code W/"<version>"}; PATCH and PUT
 * must send it back in {@code If-Match}. Typical use in a service:
 * <pre>{@code
 * long expected = ETags.requiredVersion(request);          // 428 when If-Match is absent
 * Row row = repo.find(tenant, id).orElseThrow(...404...);  // look up first: another tenant's id is a 404
 * ETags.check(expected, row.version());                   // 412 when stale
 * int updated = repo.update(tenant, id, ..., expected);   // UPDATE ... WHERE version = ? ; 0 rows → ETags.stale()
 * }</pre>
 */
public final class ETags {
    public static final String IF_MATCH = "If-Match";
    private static final Pattern VERSION = Pattern.compile("\\s*(?:W/)?\"(\\d{1,18})\"\\s*");

    private ETags() {
    }

    public static String of(long version) {
        return "W/\"" + version + "\"";
    }

    public static <T> MutableHttpResponse<T> tag(MutableHttpResponse<T> response, long version) {
        return response.header("ETag", of(version));
    }

    /** The version the client last saw, from {@code If-Match}: 428 when absent, 412 when it names no version of ours. */
    public static long requiredVersion(HttpRequest<?> request) {
        String header = request.getHeaders().get(IF_MATCH);
        if (header == null || header.isBlank()) {
            throw new ProblemException(428, "PRECONDITION_REQUIRED", "Precondition required",
                    "Send If-Match with the ETag you last read, so concurrent changes are not overwritten", null);
        }
        Matcher m = VERSION.matcher(header);
        if (!m.matches()) {
            throw stale();
        }
        return Long.parseLong(m.group(1));
    }

    public static void check(long expected, long current) {
        if (expected != current) {
            throw stale();
        }
    }

    public static ProblemException stale() {
        return ErrorClassifier.preconditionFailed();
    }
}
