package dev.bulwark.launcher.declarative;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What apply would do to one resource. {@code desired} is null for a delete, {@code current} null
 * for a create; {@code fields} lists the field-level differences of an update, one line each.
 */
record Change(Kind kind, Resource type, String key, ObjectNode desired, ObjectNode current, List<String> fields) {

    enum Kind {
        CREATE("+", "create"), UPDATE("~", "update"), DELETE("-", "delete"), UNCHANGED("=", "unchanged");

        final String sign;
        final String word;

        Kind(String sign, String word) {
            this.sign = sign;
            this.word = word;
        }
    }

    /** Resource kinds in the order apply handles them: an API before its plans, plans before subscriptions. */
    enum Resource {
        API("api"), PLAN("plan"), DEVELOPER("developer"), APPLICATION("application"), SUBSCRIPTION("subscription");

        final String word;

        Resource(String word) {
            this.word = word;
        }
    }
}
