package dev.bulwark.contracts.policy;

import dev.bulwark.contracts.schema.Doc;
import dev.bulwark.contracts.schema.Range;
import dev.bulwark.contracts.schema.Violations;

@Doc("Bounds request size: body (413), header count and size (431), URL length (414).")
public record RequestLimitsConfig(
        @Range(min = 0, max = 104_857_600) @Doc("Largest request body in bytes. Default: 1048576 (1 MiB).") Long maxBodyBytes,
        @Range(min = 1, max = 500) @Doc("Most request headers. Default: 100.") Integer maxHeaderCount,
        @Range(min = 256, max = 65_536) @Doc("Largest total size of header names and values in bytes. Default: 16384.") Integer maxHeaderBytes,
        @Range(min = 64, max = 65_536) @Doc("Longest request target (path and query) in bytes. Default: 4096.") Integer maxUrlLength)
        implements PolicyConfig {

    public RequestLimitsConfig {
        maxBodyBytes = maxBodyBytes == null ? 1_048_576L : maxBodyBytes;
        maxHeaderCount = maxHeaderCount == null ? 100 : maxHeaderCount;
        maxHeaderBytes = maxHeaderBytes == null ? 16_384 : maxHeaderBytes;
        maxUrlLength = maxUrlLength == null ? 4_096 : maxUrlLength;
    }

    @Override
    public void validateRules(Violations v) {
        // Every field is independently bounded; nothing relates them.
    }
}
