package dev.bulwark.dataplane.contract;

import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.OperationContract;
import dev.bulwark.contracts.snapshot.OperationEntry;
import java.util.ArrayList;
import java.util.List;

/** Builders for contracts as the control plane compiles them (schemas as 2020-12 text, references into $defs). */
public final class Contracts {
    private Contracts() {
    }

    /** Shared definitions of the test APIs. */
    public static final String DEFINITIONS = """
            {"Item":{"type":"object","additionalProperties":false,"required":["name","price"],"properties":{
              "id":{"type":"integer","readOnly":true},
              "name":{"type":"string","maxLength":20},
              "price":{"type":"number","minimum":0,"multipleOf":0.01},
              "sku":{"type":"string","format":"uuid"},
              "kind":{"oneOf":[{"$ref":"#/$defs/Book"},{"$ref":"#/$defs/Pen"}]},
              "parts":{"type":"array","maxItems":3,"items":{"$ref":"#/$defs/Item"}}}},
             "Book":{"type":"object","required":["isbn"],"properties":{"isbn":{"type":"string","pattern":"^[0-9]{13}$"}}},
             "Pen":{"type":"object","required":["ink"],"properties":{"ink":{"enum":["blue","black"]}}}}""";

    public static OperationContract.Parameter path(String name, String schema) {
        return new OperationContract.Parameter("path", name, true, "simple", false, schema, null);
    }

    public static OperationContract.Parameter parameter(String in, String name, boolean required, String style, boolean explode,
                                                        String schema) {
        return new OperationContract.Parameter(in, name, required, style, explode, schema, null);
    }

    public static OperationContract.Parameter query(String name, boolean required, String schema) {
        return parameter("query", name, required, "form", true, schema);
    }

    public static OperationContract.RequestBody body(boolean required, String... mediaAndSchema) {
        List<OperationContract.Media> media = new ArrayList<>();
        for (int i = 0; i < mediaAndSchema.length; i += 2) {
            media.add(new OperationContract.Media(mediaAndSchema[i], mediaAndSchema[i + 1]));
        }
        return new OperationContract.RequestBody(required, media);
    }

    public static OperationEntry operation(String id, String method, String template, OperationContract.RequestBody body,
                                           OperationContract.Parameter... parameters) {
        return new OperationEntry(id, method, template, List.of(), List.of(), new OperationContract(List.of(parameters), body, List.of()));
    }

    public static ApiEntry api(String definitions, OperationEntry... operations) {
        return new ApiEntry("api-1", "tenant-1", "Shop", null, "/shop", List.of("http://127.0.0.1:1"), List.of(operations), List.of(),
                null, null, definitions);
    }

    public static CompiledOperation compile(ApiEntry api, OperationEntry operation) {
        OperationCompiler compiler = new OperationCompiler(new SchemaEngine());
        return compiler.compile(api, OperationCompiler.Definitions.of(api), operation, true, true);
    }
}
