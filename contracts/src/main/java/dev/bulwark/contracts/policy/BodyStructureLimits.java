package dev.bulwark.contracts.policy;

import dev.bulwark.contracts.schema.Doc;
import dev.bulwark.contracts.schema.Range;

/**
 * Bounds on the structure of a request body, checked in one linear pass before any parser builds a
 * tree from it. The defaults sit far above what a normal API sends and far below what makes a
 * parser, a schema validator or an upstream's object mapper slow or recursive enough to fall over.
 */
@Doc("Bounds on the structure of request bodies (JSON, XML, forms, multipart), checked before they are parsed.")
public record BodyStructureLimits(
        @Range(min = 0, max = 104_857_600) @Doc("Largest body read for validation, in bytes (413 above; request-limits may set a "
                + "lower bound). Attach the policy to an operation for a per-operation bound. Default: 1048576 (1 MiB).") Long maxBodyBytes,
        @Range(min = 1, max = 512) @Doc("Deepest nesting of JSON objects/arrays or XML elements. Default: 32.") Integer maxDepth,
        @Range(min = 1, max = 10_000_000) @Doc("Most JSON members plus elements, or XML elements plus attributes, in one body. Default: 100000.") Integer maxEntries,
        @Range(min = 1, max = 10_000_000) @Doc("Most elements of one JSON array. Default: 10000.") Integer maxArrayLength,
        @Range(min = 1, max = 10_000_000) @Doc("Most members of one JSON object (or attributes of one XML element). Default: 1000.") Integer maxObjectEntries,
        @Range(min = 1, max = 104_857_600) @Doc("Longest JSON string or key, XML text or attribute value, in bytes as sent. Default: 262144.") Integer maxStringBytes,
        @Range(min = 1, max = 10_000) @Doc("Longest JSON number literal, in characters. Default: 64.") Integer maxNumberChars,
        @Range(min = 1, max = 10_000) @Doc("Most parts of a multipart body, or fields of a form. Default: 100.") Integer maxParts,
        @Range(min = 1, max = 104_857_600) @Doc("Largest part of a multipart body, in bytes. Default: 10485760.") Integer maxPartBytes) {

    public static final BodyStructureLimits DEFAULT = new BodyStructureLimits(null, null, null, null, null, null, null, null, null);

    public BodyStructureLimits {
        maxBodyBytes = maxBodyBytes == null ? 1_048_576L : maxBodyBytes;
        maxDepth = maxDepth == null ? 32 : maxDepth;
        maxEntries = maxEntries == null ? 100_000 : maxEntries;
        maxArrayLength = maxArrayLength == null ? 10_000 : maxArrayLength;
        maxObjectEntries = maxObjectEntries == null ? 1_000 : maxObjectEntries;
        maxStringBytes = maxStringBytes == null ? 262_144 : maxStringBytes;
        maxNumberChars = maxNumberChars == null ? 64 : maxNumberChars;
        maxParts = maxParts == null ? 100 : maxParts;
        maxPartBytes = maxPartBytes == null ? 10_485_760 : maxPartBytes;
    }
}
