package dev.bulwark.dataplane.threat;

/**
 * Bounds on the shape of a JSON request body. The defaults sit far above what a normal API sends
 * (hand-written clients rarely nest past 10 or send strings over a few kilobytes) and far below what
 * makes a parser or an upstream's object mapper slow or recursive enough to fall over.
 *
 * @param maxDepth         nesting of objects and arrays (the top-level value is depth 1)
 * @param maxEntries       object members plus array elements in the whole document
 * @param maxArrayLength   elements of one array
 * @param maxObjectEntries members of one object
 * @param maxStringBytes   bytes of one string, keys included, as sent (escapes count as written)
 * @param maxNumberChars   characters of one number literal (a 10,000-digit number is a CPU attack on
 *                         arbitrary-precision parsers, not data)
 */
public record JsonLimits(int maxDepth, int maxEntries, int maxArrayLength, int maxObjectEntries, int maxStringBytes,
                         int maxNumberChars) {

    public static final JsonLimits DEFAULT = new JsonLimits(32, 10_000, 2_000, 500, 65_536, 64);

    public JsonLimits {
        if (maxDepth < 1 || maxEntries < 1 || maxArrayLength < 1 || maxObjectEntries < 1 || maxStringBytes < 1
                || maxNumberChars < 1) {
            throw new IllegalArgumentException("every JSON limit must be at least 1");
        }
    }
}
