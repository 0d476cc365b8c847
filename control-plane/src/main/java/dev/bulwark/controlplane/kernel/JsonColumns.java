package dev.bulwark.controlplane.kernel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.contracts.policy.PolicyConfig;
import jakarta.inject.Singleton;
import java.util.List;

/** Reads and writes the jsonb columns of catalog tables with the application's ObjectMapper. */
@Singleton
public class JsonColumns {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<List<PolicyConfig>> POLICIES = new TypeReference<>() { };

    private final ObjectMapper mapper;

    public JsonColumns(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a column value", e);
        }
    }

    /** Lists of policies need their element type spelled out, or Jackson drops the "type" property. */
    public String writePolicies(List<PolicyConfig> policies) {
        try {
            return mapper.writerFor(POLICIES).writeValueAsString(policies);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise policies", e);
        }
    }

    public List<String> strings(String json) {
        return read(json, STRINGS);
    }

    public List<PolicyConfig> policies(String json) {
        return read(json, POLICIES);
    }

    /** A column holding one value of {@code type}; null when the column is null. */
    public <T> T value(String json, Class<T> type) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON does not match its type", e);
        }
    }

    private <T> T read(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON does not match its type", e);
        }
    }
}
