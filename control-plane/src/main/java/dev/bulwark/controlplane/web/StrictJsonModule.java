package dev.bulwark.controlplane.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.bulwark.controlplane.kernel.NulCharacterException;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Reads JSON strictly, for every body the API accepts (Micronaut registers Jackson modules that
 * are beans with the application's mapper):
 * <ul>
 *   <li>no scalar coercion: {@code 1} is not {@code true}, {@code 12345} is not {@code "12345"},
 *       {@code "12"} is not {@code 12};</li>
 *   <li>an object is an object: a bare number, string, boolean or array is not turned into a
 *       single-field record;</li>
 *   <li>no NUL character in any string, in typed fields and in free-form JSON alike: PostgreSQL
 *       cannot store it, and refusing it here names the field.</li>
 * </ul>
 * Violations surface as Jackson exceptions that {@link dev.bulwark.controlplane.kernel.ErrorClassifier} turns into 400s naming the
 * field.
 */
@Singleton
public class StrictJsonModule extends SimpleModule {

    /** A string holding U+0000; a runtime exception so that Jackson wraps it with the field's path. */
    public StrictJsonModule() {
        super("bulwark-strict-json");
        addDeserializer(String.class, new NulFreeStrings());
        setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                          JsonDeserializer<?> deserializer) {
                return deserializer instanceof BeanDeserializerBase ? new ObjectsOnly(deserializer) : deserializer;
            }
        });
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        ObjectMapper mapper = context.getOwner();
        mapper.setNodeFactory(new NulFreeNodes());
        forbid(mapper, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean);
        forbid(mapper, LogicalType.Boolean, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.String);
        forbid(mapper, LogicalType.Integer, CoercionInputShape.String, CoercionInputShape.Float, CoercionInputShape.Boolean);
        forbid(mapper, LogicalType.Float, CoercionInputShape.String, CoercionInputShape.Boolean);
    }

    private static void forbid(ObjectMapper mapper, LogicalType target, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            mapper.coercionConfigFor(target).setCoercion(shape, CoercionAction.Fail);
        }
    }

    static void requireNoNul(String text) {
        if (text != null && text.indexOf('\u0000') >= 0) {
            throw new NulCharacterException();
        }
    }

    private static final class NulFreeStrings extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = super.deserialize(p, ctxt);
            requireNoNul(text);
            return text;
        }
    }

    /** Strings inside free-form JSON (policy configurations) are built by the node factory. */
    private static final class NulFreeNodes extends JsonNodeFactory {
        @Override
        public TextNode textNode(String text) {
            requireNoNul(text);
            return super.textNode(text);
        }
    }

    /** Refuses any token but an object's where a record or bean is expected. */
    private static final class ObjectsOnly extends DelegatingDeserializer {
        ObjectsOnly(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new ObjectsOnly(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken token = p.currentToken();
            if (token != JsonToken.START_OBJECT && token != JsonToken.FIELD_NAME && token != JsonToken.END_OBJECT) {
                return ctxt.handleUnexpectedToken(handledType(), p);
            }
            return super.deserialize(p, ctxt);
        }
    }
}
