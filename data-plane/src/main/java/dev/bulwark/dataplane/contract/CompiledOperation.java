package dev.bulwark.dataplane.contract;

import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * One operation's contract, compiled when the snapshot is applied: its parameters by location,
 * each location's schema, its request body by media type, and the type hints it can promise.
 * Immutable; read by every event loop.
 */
public final class CompiledOperation {
    private static final String BODY = "body";
    private final String broken;
    private final ParameterSet path;
    private final ParameterSet query;
    private final ParameterSet header;
    private final ParameterSet cookie;
    /** For each path parameter (in {@code path} order), the index of its segment in the template. */
    private final int[] pathSegments;
    private final int templateSegments;
    private final Set<String> queryNames;
    private final boolean queryOpen;
    private final RequestBodyContract body;
    private final Map<String, ValueType> parameterHints;
    private final BodyHints jsonBody;
    private final List<ResponseContract> responses;

    CompiledOperation(String broken, ParameterSet path, ParameterSet query, ParameterSet header, ParameterSet cookie,
                      int[] pathSegments, int templateSegments, RequestBodyContract body, Map<String, ValueType> parameterHints,
                      ValueShape jsonBody, List<ResponseContract> responses) {
        this.broken = broken;
        this.path = path;
        this.query = query;
        this.header = header;
        this.cookie = cookie;
        this.pathSegments = pathSegments;
        this.templateSegments = templateSegments;
        this.body = body;
        this.parameterHints = Map.copyOf(parameterHints);
        this.jsonBody = BodyHints.of(jsonBody);
        this.responses = List.copyOf(responses);
        Set<String> names = new HashSet<>();
        boolean open = false;
        for (CompiledParameter parameter : query.parameters()) {
            names.add(parameter.name());
            if (parameter.isObject() && parameter.style().equals("form") && parameter.explode()) {
                names.addAll(parameter.shape().properties.keySet());
                open |= parameter.shape().openProperties;
            }
        }
        this.queryNames = Set.copyOf(names);
        this.queryOpen = open;
    }

    /** An operation whose schemas could not be compiled: every request to it is refused (or reported). */
    static CompiledOperation broken(String reason) {
        return new CompiledOperation(reason, ParameterSet.NONE, ParameterSet.NONE, ParameterSet.NONE, ParameterSet.NONE, new int[0],
                0, null, Map.of(), null, List.of());
    }

    /** Why the contract could not be compiled, or null when it was. */
    public String broken() {
        return broken;
    }

    /** True when the contract declares responses (and they were compiled for response validation). */
    public boolean hasResponses() {
        return !responses.isEmpty();
    }

    /** The declared response for a status: the exact code, else its range ({@code 4XX}), else {@code default}; null when none. */
    ResponseContract response(int status) {
        ResponseContract range = null;
        ResponseContract fallback = null;
        String code = Integer.toString(status);
        for (ResponseContract response : responses) {
            if (response.status().equals(code)) {
                return response;
            }
            if (response.status().length() == 3 && response.status().endsWith("XX") && response.status().charAt(0) == code.charAt(0)) {
                range = response;
            } else if (response.status().equals("default")) {
                fallback = response;
            }
        }
        return range != null ? range : fallback;
    }

    /** The request body contract; null when the operation declares no request body. */
    RequestBodyContract body() {
        return body;
    }

    /**
     * The type a validated value at {@code location} is guaranteed to have, or null when the contract
     * promises nothing precise (free text, ambiguous compositions, properties it does not declare).
     * Locations: {@code path.id}, {@code query.limit}, {@code header.x-trace} (lower case),
     * {@code cookie.session}, and JSON pointers below a JSON body, {@code body/items/3/price}.
     * Only routes whose contract-validation blocks (not reports) expose hints, and only for what it
     * validates: a value that reached the upstream unvalidated must be inspected as text.
     */
    public ValueType typeHint(CharSequence location) {
        return hintLookup().typeHint(location);
    }

    /**
     * {@link #typeHint} and {@link #declaresKey} for one inspection of one request, faster on a JSON
     * body's values taken in document order (siblings resolve by their own name). Not thread-safe.
     */
    public HintLookup hintLookup() {
        return new HintLookup();
    }

    /** See {@link #hintLookup()}. */
    public final class HintLookup {
        private final BodyHints.Walk walk = jsonBody == null ? null : jsonBody.new Walk();

        private HintLookup() {
        }

        public ValueType typeHint(CharSequence location) {
            if (isBody(location)) {
                return walk == null ? null : walk.hint(location, BODY.length());
            }
            return parameterHints.isEmpty() ? null : parameterHints.get(location.toString());
        }

        public boolean declaresKey(CharSequence location, CharSequence key) {
            return CompiledOperation.this.declaresKey(location, key);
        }
    }

    /**
     * Whether {@code key}, the decoded JSON key at {@code location} ({@code body/customer/email} for the
     * key {@code email}), is a property name the body's schema declares: the tenant's own vocabulary,
     * which inspection need not read as text. The key itself is compared, so nothing is taken on trust.
     */
    public boolean declaresKey(CharSequence location, CharSequence key) {
        return jsonBody != null && isBody(location) && jsonBody.declares(key);
    }

    private static boolean isBody(CharSequence location) {
        int n = BODY.length();
        if (location.length() < n || location.length() > n && location.charAt(n) != '/') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (location.charAt(i) != BODY.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** {@link #checkParameters(String, String, String, MultiMap, boolean)} when nothing was stripped from the query. */
    public List<ContractViolation> checkParameters(String relativePath, String rawQuery, MultiMap headers, boolean allowUnknownQuery) {
        return checkParameters(relativePath, rawQuery, rawQuery, headers, allowUnknownQuery);
    }

    /**
     * Decodes and validates every parameter.
     *
     * @param relativePath      the request path below the API's base path
     * @param rawQuery          the query string as the client sent it, or null
     * @param forwardedQuery    the query as it will be forwarded (a credential stripped by authentication);
     *                          a parameter it no longer holds is not "unknown", it never reaches the upstream
     * @param allowUnknownQuery whether undeclared query parameters pass
     */
    public List<ContractViolation> checkParameters(String relativePath, String rawQuery, String forwardedQuery, MultiMap headers,
                                                   boolean allowUnknownQuery) {
        List<ContractViolation> violations = new ArrayList<>();
        Set<String> undecodable = new HashSet<>();
        if (!path.isEmpty()) {
            check(path, pathValues(relativePath, violations, undecodable), violations, undecodable);
        }
        Map<String, List<String>> queryPairs = QueryPairs.parse(rawQuery, violations);
        Set<String> forwarded = forwardedQuery == rawQuery ? null : QueryPairs.parse(forwardedQuery, new ArrayList<>()).keySet();
        if (!query.isEmpty() || !queryPairs.isEmpty()) {
            check(query, queryValues(queryPairs, forwarded, allowUnknownQuery, violations, undecodable), violations, undecodable);
        }
        if (!header.isEmpty()) {
            ObjectNode values = ParameterDecoder.NODES.objectNode();
            for (CompiledParameter parameter : header.parameters()) {
                List<String> sent = headers.getAll(parameter.key());
                if (!sent.isEmpty()) {
                    decode(parameter, () -> ParameterDecoder.header(String.join(",", sent), parameter), values, violations, undecodable);
                }
            }
            check(header, values, violations, undecodable);
        }
        if (!cookie.isEmpty()) {
            Map<String, List<String>> cookies = QueryPairs.cookies(headers.getAll("cookie"));
            ObjectNode values = ParameterDecoder.NODES.objectNode();
            for (CompiledParameter parameter : cookie.parameters()) {
                List<String> sent = cookies.get(parameter.name());
                if (sent != null) {
                    decode(parameter, () -> ParameterDecoder.cookie(sent, parameter), values, violations, undecodable);
                }
            }
            check(cookie, values, violations, undecodable);
        }
        return violations;
    }

    private ObjectNode pathValues(String relativePath, List<ContractViolation> violations, Set<String> undecodable) {
        ObjectNode values = ParameterDecoder.NODES.objectNode();
        List<String> segments = QueryPairs.segments(relativePath);
        for (int i = 0; i < path.parameters().size(); i++) {
            CompiledParameter parameter = path.parameters().get(i);
            int index = pathSegments[i];
            if (index >= 0 && index < segments.size() && segments.size() == templateSegments) {
                String raw = segments.get(index);
                decode(parameter, () -> ParameterDecoder.path(raw, parameter), values, violations, undecodable);
            }
        }
        return values;
    }

    private ObjectNode queryValues(Map<String, List<String>> pairs, Set<String> forwarded, boolean allowUnknown,
                                   List<ContractViolation> violations, Set<String> undecodable) {
        ObjectNode values = ParameterDecoder.NODES.objectNode();
        Set<String> claimed = new HashSet<>();
        for (CompiledParameter parameter : query.parameters()) {
            if (parameter.isObject() && (parameter.style().equals("deepObject")
                    || (parameter.style().equals("form") && parameter.explode()))) {
                boolean deep = parameter.style().equals("deepObject");
                List<String[]> members = new ArrayList<>();
                for (Map.Entry<String, List<String>> pair : pairs.entrySet()) {
                    String name = pair.getKey();
                    String property = deep ? deepMember(name, parameter.name())
                            : parameter.shape().properties.containsKey(name) ? name : null;
                    if (property != null) {
                        claimed.add(name);
                        for (String raw : pair.getValue()) {
                            members.add(new String[] {property, raw});
                        }
                    }
                }
                if (!members.isEmpty()) {
                    decode(parameter, () -> ParameterDecoder.properties(members, parameter), values, violations, undecodable);
                }
                continue;
            }
            List<String> raws = pairs.get(parameter.name());
            if (raws != null) {
                claimed.add(parameter.name());
                decode(parameter, () -> ParameterDecoder.query(raws, parameter), values, violations, undecodable);
            }
        }
        if (!allowUnknown && !queryOpen) {
            for (String name : pairs.keySet()) {
                if (!claimed.contains(name) && !queryNames.contains(name) && (forwarded == null || forwarded.contains(name))) {
                    violations.add(new ContractViolation("query." + Locations.safe(name), "is not a parameter of this operation"));
                }
            }
        }
        return values;
    }

    /** {@code filter[status]} is member {@code status} of deepObject {@code filter}. */
    private static String deepMember(String name, String parameter) {
        return name.length() > parameter.length() + 2 && name.startsWith(parameter) && name.charAt(parameter.length()) == '['
                && name.endsWith("]") ? name.substring(parameter.length() + 1, name.length() - 1) : null;
    }

    @FunctionalInterface
    private interface Decoding {
        tools.jackson.databind.JsonNode decode() throws ParameterDecoder.DecodeException;
    }

    private static void decode(CompiledParameter parameter, Decoding decoding, ObjectNode into, List<ContractViolation> violations,
                               Set<String> undecodable) {
        try {
            into.set(parameter.key(), decoding.decode());
        } catch (ParameterDecoder.DecodeException e) {
            violations.add(new ContractViolation(parameter.location(), e.getMessage()));
            undecodable.add(parameter.location());
        }
    }

    private static void check(ParameterSet set, ObjectNode values, List<ContractViolation> violations, Set<String> undecodable) {
        for (ContractViolation violation : set.validate(values)) {
            // a parameter that could not be decoded is also "missing": say it once
            if (!undecodable.contains(violation.location()) && violations.size() < ErrorReasons.MAX_VIOLATIONS) {
                violations.add(violation);
            }
        }
    }

    /** Request-body contract: whether a body is required, and what each accepted media type must hold. */
    record RequestBodyContract(boolean required, List<BodyMedia> media) {
        /** The declared media type that best matches a request's Content-Type essence; null when none does. */
        BodyMedia match(String essence) {
            BodyMedia best = null;
            int bestScore = 0;
            for (BodyMedia candidate : media) {
                int score = MediaTypes.match(candidate.range(), essence);
                if (score > bestScore) {
                    best = candidate;
                    bestScore = score;
                }
            }
            return best;
        }

        /** True when the document lists no media type: any content is accepted, unchecked. */
        boolean acceptsAnything() {
            return media.isEmpty();
        }
    }

    /** A declared response: its status (code, range or default) and media types. */
    record ResponseContract(String status, List<BodyMedia> media) {
        BodyMedia match(String essence) {
            return new RequestBodyContract(false, media).match(essence);
        }
    }

    /** A declared media type (or range) with its compiled schema; null schema when the document gives none. */
    record BodyMedia(String range, com.networknt.schema.Schema schema, ValueShape shape) {
    }

    static Map<String, ValueType> hints(List<ParameterSet> sets) {
        Map<String, ValueType> hints = new LinkedHashMap<>();
        for (ParameterSet set : sets) {
            for (CompiledParameter parameter : set.parameters()) {
                ValueType hint = parameter.json() ? null : parameter.shape().hint();
                if (hint != null) {
                    hints.put(parameter.location(), hint);
                }
            }
        }
        return hints;
    }
}
