package dev.bulwark.controlplane.kernel;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.bulwark.contracts.schema.Violation;
import io.micronaut.core.bind.exceptions.UnsatisfiedArgumentException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Turns whatever went wrong into a {@link ProblemException} with a stable key, naming the field
 * where one is at fault. Messages are written here, never copied from exceptions, so no class
 * names, SQL or stack traces reach a client.
 */
public final class ErrorClassifier {
    private ErrorClassifier() {
    }

    /** @param status the status the framework chose, used when the cause says nothing more precise */
    public static ProblemException classify(int status, Throwable error) {
        ProblemException known = fromCause(error);
        if (known != null) {
            return known;
        }
        return switch (status) {
            case 400 -> new ProblemException(400, "BAD_REQUEST", "Bad request", "The request could not be understood", null);
            case 401 -> ProblemException.unauthorized();
            case 403 -> ProblemException.forbidden("This action is not allowed");
            case 404 -> new ProblemException(404, "NOT_FOUND", "Not found", "No resource at this address", null);
            case 405 -> new ProblemException(405, "METHOD_NOT_ALLOWED", "Method not allowed", "This resource does not support this method", null);
            case 406 -> new ProblemException(406, "NOT_ACCEPTABLE", "Not acceptable", "The resource cannot produce the requested media type", null);
            case 413 -> payloadTooLarge();
            case 415 -> new ProblemException(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported media type", "Send the body as application/json", null);
            case 412 -> preconditionFailed();
            default -> status >= 500 ? internal() : new ProblemException(status, "HTTP_" + status, "Request refused", "The request was refused", null);
        };
    }

    public static ProblemException internal() {
        return new ProblemException(500, "INTERNAL_ERROR", "Internal error",
                "Something went wrong on our side; quote the request id when reporting it", null);
    }

    /** PostgreSQL cannot be reached (down, restarting, or no pooled connection within the acquire timeout). */
    public static ProblemException databaseUnavailable() {
        return new ProblemException(503, DATABASE_UNAVAILABLE, "Database unavailable",
                "The database is briefly unavailable; retry after the time in Retry-After", null);
    }

    public static final String DATABASE_UNAVAILABLE = "DATABASE_UNAVAILABLE";

    public static ProblemException nulCharacter(String field) {
        return invalidValue(field, "must not contain a NUL character (U+0000)");
    }

    public static ProblemException payloadTooLarge() {
        return payloadTooLarge(BodyLimits.DOCUMENT_REQUEST_BYTES);
    }

    /** Names the limit the body went over, so a client knows what to send instead. */
    public static ProblemException payloadTooLarge(long limitBytes) {
        String detail = "The request body is larger than " + BodyLimits.describe(limitBytes) + ", this route's limit";
        if (limitBytes >= BodyLimits.DOCUMENT_REQUEST_BYTES) {
            detail += "; an OpenAPI document may be up to " + BodyLimits.describe(BodyLimits.DOCUMENT_BYTES);
        }
        return new ProblemException(413, "PAYLOAD_TOO_LARGE", "Payload too large", detail, null);
    }

    public static ProblemException preconditionFailed() {
        return new ProblemException(412, "PRECONDITION_FAILED", "Precondition failed",
                "The resource changed since you read it; fetch it again and retry with its current ETag", null);
    }

    private static ProblemException fromCause(Throwable error) {
        for (Throwable t = error; t != null; t = next(t)) {
            if (t instanceof ProblemException p) {
                return p;
            }
            if (t instanceof JsonMappingException e && e.getCause() instanceof NulCharacterException) {
                return nulCharacter(path(e));
            }
            if (t instanceof NulCharacterException) {
                return nulCharacter("$");
            }
            if (t instanceof io.micronaut.data.connection.exceptions.ConnectionException) {
                // A connection that could not be had or broke under us (e.g. closed by a restart mid-transaction).
                return databaseUnavailable();
            }
            if (t instanceof java.sql.SQLException e && databaseDown(e)) {
                return databaseUnavailable();
            }
            if (t instanceof java.sql.SQLException e && UNSTORABLE_CHARACTER.contains(String.valueOf(e.getSQLState()))) {
                // A last line of defence: JSON bodies and parameters are checked for NUL before they get here.
                return new ProblemException(400, "INVALID_CHARACTER", "Invalid character",
                        "The request contains a character that cannot be stored (such as NUL)", null);
            }
            if (t instanceof io.netty.handler.codec.compression.DecompressionException) {
                return new ProblemException(400, "INVALID_CONTENT_ENCODING", "Invalid content encoding",
                        "The body could not be decoded with its Content-Encoding", null);
            }
            if (t instanceof UnrecognizedPropertyException e) {
                String path = path(e);
                return new ProblemException(400, "UNKNOWN_FIELD", "Unknown field", "The body has a field this endpoint does not accept: " + path,
                        List.of(new Violation(path, "is not a known field")));
            }
            if (t instanceof InvalidFormatException e && e.getTargetType() != null && e.getTargetType().isEnum()) {
                return invalidValue(path(e), "must be one of " + enumValues(e.getTargetType()));
            }
            if (t instanceof MismatchedInputException e) {
                Class<?> target = e.getTargetType();
                if (e.getPath().isEmpty()) {
                    return new ProblemException(400, "MALFORMED_JSON", "Malformed JSON", "The body must be a JSON object", null);
                }
                return invalidValue(path(e), target != null && target.isEnum() ? "must be one of " + enumValues(target)
                        : "must be " + describe(target));
            }
            if (t instanceof JsonProcessingException e && !(t instanceof JsonMappingException)) {
                String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
                return new ProblemException(400, "MALFORMED_JSON", "Malformed JSON", "The body is not valid JSON" + where, null);
            }
            if (t instanceof ConstraintViolationException e) {
                List<Violation> violations = e.getConstraintViolations().stream()
                        .map(v -> new Violation(path(v), v.getMessage()))
                        .sorted(Comparator.comparing(Violation::path))
                        .toList();
                return ProblemException.invalid(violations);
            }
            if (t instanceof UnsatisfiedArgumentException e) {
                String name = e.getArgument().getName();
                return new ProblemException(400, "VALIDATION_FAILED", "Invalid request",
                        "body".equals(name) || "command".equals(name) ? "A JSON body is required" : "Parameter " + name + " is required",
                        List.of(new Violation(name, "is required")));
            }
            if (t instanceof io.micronaut.web.router.exceptions.UnsatisfiedRouteException e) {
                boolean body = t instanceof io.micronaut.web.router.exceptions.UnsatisfiedBodyRouteException;
                String name = body ? "$" : e.getArgument().getName();
                return new ProblemException(400, "VALIDATION_FAILED", "Invalid request",
                        body ? "A JSON body is required" : "Parameter " + name + " is required", List.of(new Violation(name, "is required")));
            }
            if (t instanceof ConversionErrorException e && !(e.getCause() instanceof JsonProcessingException)) {
                return new ProblemException(400, "INVALID_PARAMETER", "Invalid parameter", "Parameter " + e.getArgument().getName() + " has an invalid value",
                        List.of(new Violation(e.getArgument().getName(), "must be " + describe(e.getArgument().getType()))));
            }
            if ("io.micronaut.data.exceptions.OptimisticLockException".equals(t.getClass().getName())) {
                return preconditionFailed();
            }
            if (t instanceof io.micronaut.http.exceptions.ContentLengthExceededException) {
                return payloadTooLarge();
            }
            if (t instanceof IllegalArgumentException && thrownWhileReadingJson(t)) {
                // e.g. a JSON array where an object is expected reaches record instantiation this way.
                return new ProblemException(400, "MALFORMED_JSON", "Malformed JSON", "The body does not have the expected JSON shape", null);
            }
        }
        return null;
    }

    /** character_not_in_repertoire, untranslatable_character (NUL in text or jsonb). */
    private static final java.util.Set<String> UNSTORABLE_CHARACTER = java.util.Set.of("22021", "22P05");

    /**
     * Connection exceptions (class 08), the server shutting down or starting up (57P01-57P03), and
     * the pool's acquire timeout.
     */
    private static boolean databaseDown(java.sql.SQLException e) {
        String state = e.getSQLState();
        return e instanceof java.sql.SQLTransientConnectionException
                || state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"));
    }

    private static boolean thrownWhileReadingJson(Throwable t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getClassName().startsWith("io.micronaut.jackson.modules.BeanIntrospectionModule")
                    || frame.getClassName().startsWith("com.fasterxml.jackson.databind.deser")) {
                return true;
            }
        }
        return false;
    }

    private static Throwable next(Throwable t) {
        if (t instanceof ConversionErrorException e && e.getConversionError() != null && e.getConversionError().getCause() != null
                && e.getConversionError().getCause() != t && e.getCause() == null) {
            return e.getConversionError().getCause();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    private static ProblemException invalidValue(String path, String message) {
        return new ProblemException(400, "INVALID_FIELD_VALUE", "Invalid field value", "Field " + path + " " + message,
                List.of(new Violation(path, message)));
    }

    /** Jackson's reference chain as {@code a.b[2].c}. */
    static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? "$" : out.toString();
    }

    /** The property path without the method and parameter nodes: {@code signUp.command.email} → {@code email}. */
    private static String path(ConstraintViolation<?> violation) {
        List<String> names = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, RETURN_VALUE -> { }
                case PARAMETER -> parameter = node.getName();
                default -> {
                    // Bean Validation puts a container element's index on the node after the container.
                    if (node.isInIterable() && !names.isEmpty()) {
                        String container = names.removeLast();
                        names.add(container + "[" + (node.getIndex() != null ? node.getIndex() : node.getKey()) + "]");
                    }
                    names.add(node.getName() == null ? "" : node.getName());
                }
            }
        }
        if (names.isEmpty()) {
            return parameter == null ? "$" : parameter;
        }
        return names.stream().filter(n -> !n.isEmpty()).collect(Collectors.joining("."));
    }

    private static String enumValues(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(c -> {
            try {
                JsonProperty property = type.getField(((Enum<?>) c).name()).getAnnotation(JsonProperty.class);
                return property != null ? property.value() : ((Enum<?>) c).name();
            } catch (NoSuchFieldException e) {
                return ((Enum<?>) c).name();
            }
        }).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of a different type";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 date-time";
        }
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        return "an object";
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
