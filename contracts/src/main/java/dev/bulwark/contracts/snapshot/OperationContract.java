package dev.bulwark.contracts.snapshot;

import java.util.List;

/**
 * What one operation of an API's OpenAPI document accepts and answers, compiled by the control
 * plane from the stored document for the gateway's contract validation.
 *
 * <p>Every {@code schema} is JSON Schema 2020-12 <em>text</em> (OpenAPI 3.0 schemas already
 * converted), whose references point only into the API's shared definitions
 * ({@link ApiEntry#schemas()}, as {@code #/$defs/<name>}): a component used by many operations is
 * carried once per API. Text rather than a tree because the canonical hash refuses floating point
 * (a schema's {@code multipleOf: 0.01} is data, not arithmetic), and because the gateway compiles
 * each distinct text once and caches it by its hash across snapshots.
 *
 * @param parameters  path, query, header and cookie parameters, the path item's merged in
 * @param requestBody null when the operation declares no request body (a body is then refused)
 * @param responses   declared responses, for response validation
 */
public record OperationContract(List<Parameter> parameters, RequestBody requestBody, List<Response> responses) {

    public static final List<String> LOCATIONS = List.of("path", "query", "header", "cookie");

    public OperationContract {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        responses = responses == null ? List.of() : List.copyOf(responses);
    }

    /**
     * One parameter, with OpenAPI's defaults already applied.
     *
     * @param in        path, query, header or cookie
     * @param style     how the value is serialised: simple, label, matrix (path); form, spaceDelimited,
     *                  pipeDelimited, deepObject (query); simple (header); form (cookie)
     * @param explode   whether arrays and objects are spread over several values
     * @param schema    JSON Schema text of the value
     * @param mediaType when the parameter is declared with {@code content} instead of a schema: the
     *                  media type its value is written in (e.g. {@code application/json}); else null
     */
    public record Parameter(String in, String name, boolean required, String style, boolean explode, String schema,
                            String mediaType) {
    }

    /** @param content accepted media types (or ranges, e.g. {@code image/*}) in document order */
    public record RequestBody(boolean required, List<Media> content) {
        public RequestBody {
            content = content == null ? List.of() : List.copyOf(content);
        }
    }

    /** @param schema JSON Schema text, or null when the document gives none (any content of that type) */
    public record Media(String mediaType, String schema) {
    }

    /** @param status a status code, a range such as {@code 4XX}, or {@code default} */
    public record Response(String status, List<Media> content) {
        public Response {
            content = content == null ? List.of() : List.copyOf(content);
        }
    }
}
