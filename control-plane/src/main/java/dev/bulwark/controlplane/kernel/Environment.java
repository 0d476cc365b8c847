package dev.bulwark.controlplane.kernel;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.bulwark.contracts.apikey.KeyEnvironment;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.util.Locale;

/** The deployment stages every API has. Gateways serve exactly one of them. */
@TypeDef(type = DataType.STRING, converter = EnvironmentConverter.class)
public enum Environment {
    STAGING(KeyEnvironment.TEST),
    PRODUCTION(KeyEnvironment.LIVE);

    private final KeyEnvironment keyEnvironment;

    Environment(KeyEnvironment keyEnvironment) {
        this.keyEnvironment = keyEnvironment;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The label embedded in keys issued for this environment ({@code bwk_live_}, {@code bwk_test_}). */
    public KeyEnvironment keyEnvironment() {
        return keyEnvironment;
    }

    @JsonCreator
    public static Environment fromWire(String text) {
        for (Environment environment : values()) {
            if (environment.wire().equals(text)) {
                return environment;
            }
        }
        throw new IllegalArgumentException("must be staging or production");
    }

    /** Parses a path or body value, refusing anything else with a field-named 400. */
    public static Environment parse(String text, String field) {
        try {
            return fromWire(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "must be staging or production");
        }
    }
}
