package dev.bulwark.dataplane.contract;

import com.networknt.schema.ExecutionContext;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.format.Format;
import com.networknt.schema.keyword.FormatValidator;
import com.networknt.schema.path.NodePath;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A validator format that refuses values longer than any valid one before the library's check runs.
 * Several of networknt's format checks are backtracking {@code java.util.regex} patterns: on
 * attacker-sized strings {@code hostname}, {@code json-pointer} and {@code uri-template} overflow
 * the stack at a few thousand characters, others grow faster than linearly. Every valid value of
 * these formats is short (a host name is at most 253 characters, an e-mail address 254, a UUID 36),
 * so the bound costs nothing legitimate and leaves the checks only inputs they handle in
 * microseconds.
 */
final class BoundedFormat implements Format {
    /** Longest value each format can validly have; formats not listed get {@link #DEFAULT_MAX}. */
    static final Map<String, Integer> MAX_LENGTHS = Map.ofEntries(
            Map.entry("date", 10), Map.entry("time", 64), Map.entry("date-time", 64), Map.entry("duration", 64),
            Map.entry("uuid", 36), Map.entry("ipv4", 15), Map.entry("ipv6", 45),
            Map.entry("hostname", 253), Map.entry("idn-hostname", 253), Map.entry("email", 254), Map.entry("idn-email", 254),
            Map.entry("uri", 8_192), Map.entry("uri-reference", 8_192), Map.entry("iri", 8_192), Map.entry("iri-reference", 8_192),
            Map.entry("json-pointer", 1_024), Map.entry("relative-json-pointer", 1_024), Map.entry("uri-template", 1_024),
            Map.entry("regex", 1_024));
    static final int DEFAULT_MAX = 256;

    private final Format delegate;
    private final int maxLength;

    BoundedFormat(Format delegate) {
        this.delegate = delegate;
        this.maxLength = MAX_LENGTHS.getOrDefault(delegate.getName(), DEFAULT_MAX);
    }

    @Override
    public String getName() {
        return delegate.getName();
    }

    @Override
    public String getMessageKey() {
        return delegate.getMessageKey();
    }

    @Override
    public boolean matches(ExecutionContext context, SchemaContext schemaContext, JsonNode node, JsonNode root, NodePath at,
                           boolean assertionsEnabled, FormatValidator validator) {
        if (node.isString() && node.asString().length() > maxLength) {
            return false;
        }
        return delegate.matches(context, schemaContext, node, root, at, assertionsEnabled, validator);
    }
}
