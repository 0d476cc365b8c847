package dev.bulwark.controlplane.api;

import dev.bulwark.controlplane.web.ProblemException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Optimistic concurrency over HTTP: a resource's ETag is its row version, and a change must name
 * the version it was based on. Temporary until the identity helper's web.ETags lands on main.
 */
public final class IfMatch {
    private static final Pattern TAG = Pattern.compile("\\s*(?:W/)?\"(\\d{1,18})\"\\s*");

    private IfMatch() {
    }

    public static String etag(long version) {
        return "W/\"" + version + "\"";
    }

    /** The version the client based its change on: 428 when absent, 412 when unreadable. */
    public static long required(String header) {
        if (header == null || header.isBlank()) {
            throw new ProblemException(428, "PRECONDITION_REQUIRED", "Precondition required",
                    "Send If-Match with the ETag of the version you are changing", null);
        }
        Matcher matcher = TAG.matcher(header);
        if (!matcher.matches()) {
            throw stale();
        }
        return Long.parseLong(matcher.group(1));
    }

    public static ProblemException stale() {
        return new ProblemException(412, "PRECONDITION_FAILED", "Precondition failed",
                "The resource changed since you read it; fetch it again and retry", null);
    }
}
