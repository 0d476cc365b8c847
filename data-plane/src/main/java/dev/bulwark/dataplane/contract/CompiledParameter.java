package dev.bulwark.dataplane.contract;

import dev.bulwark.contracts.snapshot.OperationContract;
import java.util.Locale;

/**
 * One parameter, ready to be decoded: its location, the name it is looked up by (header names in
 * lower case), how it is serialised, and the shape its text is coerced to.
 *
 * @param json true when the parameter is declared with {@code content} of a JSON media type: its
 *             value is a JSON document
 */
record CompiledParameter(String in, String name, String key, boolean required, String style, boolean explode, boolean json,
                         ValueShape shape) {

    static CompiledParameter of(OperationContract.Parameter parameter, ValueShape shape) {
        String key = parameter.in().equals("header") ? parameter.name().toLowerCase(Locale.ROOT) : parameter.name();
        return new CompiledParameter(parameter.in(), parameter.name(), key, parameter.required(), parameter.style(),
                parameter.explode(), MediaTypes.isJson(MediaTypes.essence(parameter.mediaType())), shape);
    }

    /** The location a violation names: {@code query.limit}, {@code header.x-trace}. */
    String location() {
        return in + "." + key;
    }

    /** Serialised as several items (never a JSON-valued parameter: that is one document). */
    boolean isArray() {
        return !json && shape.only(ValueShape.Type.ARRAY) || (shape.types.contains(ValueShape.Type.ARRAY)
                && !shape.types.contains(ValueShape.Type.STRING));
    }

    boolean isObject() {
        return !json && !isArray() && (shape.only(ValueShape.Type.OBJECT) || (shape.types.contains(ValueShape.Type.OBJECT)
                && !shape.types.contains(ValueShape.Type.STRING)));
    }
}
