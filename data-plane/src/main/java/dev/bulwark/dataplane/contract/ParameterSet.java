package dev.bulwark.dataplane.contract;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The parameters of one location (path, query, header or cookie) and one compiled schema for all of
 * them: an object whose properties are the parameters and whose {@code required} lists the required
 * ones, so one validation covers the location and names each failure by parameter.
 */
record ParameterSet(String in, List<CompiledParameter> parameters, Schema schema) {
    static final ParameterSet NONE = new ParameterSet("", List.of(), null);

    boolean isEmpty() {
        return parameters.isEmpty();
    }

    List<ContractViolation> validate(ObjectNode values) {
        if (schema == null) {
            return List.of();
        }
        List<Error> errors = SafeValidation.validate(schema, values);
        if (errors == null) {
            return List.of(new ContractViolation(in, "holds a value beyond what the contract can check"));
        }
        return errors.isEmpty() ? List.of() : ErrorReasons.of(errors, in, true);
    }
}
