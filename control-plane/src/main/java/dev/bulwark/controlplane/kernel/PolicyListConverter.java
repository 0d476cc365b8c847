package dev.bulwark.controlplane.kernel;

import dev.bulwark.contracts.policy.PolicyConfig;
import io.micronaut.core.convert.ConversionContext;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The jsonb {@code policies} columns. Micronaut Data reads a JSON column with the property's full
 * generic type, so reading needs nothing; but it writes a list as a plain object, and Jackson then
 * drops each element's {@code type}. Writing goes through {@link JsonColumns#writePolicies}, whose
 * text Micronaut Data passes on unchanged.
 */
@Singleton
public class PolicyListConverter implements AttributeConverter<List<PolicyConfig>, Object> {
    private final JsonColumns json;

    public PolicyListConverter(JsonColumns json) {
        this.json = json;
    }

    @Override
    public Object convertToPersistedValue(List<PolicyConfig> policies, ConversionContext context) {
        return policies == null ? null : json.writePolicies(policies);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<PolicyConfig> convertToEntityValue(Object stored, ConversionContext context) {
        if (stored == null || stored instanceof List<?>) {
            return (List<PolicyConfig>) stored;
        }
        return json.policies(stored.toString());
    }
}
