package dev.bulwark.securitytesting.audit.rules;

import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.SchemaUsage;
import dev.bulwark.securitytesting.openapi.SchemaUsage.UsedNode;
import dev.bulwark.securitytesting.openapi.SchemaWalker;
import java.util.List;
import java.util.Locale;

/**
 * Where the schemas that rules inspect come from: what the API receives (requests, answers to its
 * webhooks), what it sends (responses, webhook payloads). Each node comes once, with the
 * operations using it, so a shared component is judged once.
 */
final class SchemaSources {

    private SchemaSources() {}

    /** Data entering the API: parameters and request bodies of served operations, webhook answers. */
    static List<UsedNode> inbound(ApiDocument document) {
        return document.schemaUsage().nodes(SchemaUsage.Use::inbound);
    }

    /** Data leaving the API: responses of served operations, webhook payloads. */
    static List<UsedNode> outbound(ApiDocument document) {
        return document.schemaUsage().nodes(use -> !use.inbound());
    }

    /** Request bodies of served operations that change state. */
    static List<UsedNode> writeBodies(ApiDocument document) {
        return document.schemaUsage().nodes(use -> use.source() == SchemaUsage.Source.REQUEST_BODY
                && use.operation().isWrite());
    }

    /** Request bodies of served operations. */
    static List<UsedNode> requestBodies(ApiDocument document) {
        return document.schemaUsage().nodes(use -> use.source() == SchemaUsage.Source.REQUEST_BODY
                && !use.operation().isWebhook());
    }

    static boolean isSuccess(String status) {
        return status.startsWith("2");
    }

    /**
     * How a message names a node, independent of where it is used so that one problem in a shared
     * schema reads the same from every operation: the component's name for a reference, the
     * property name, or the place.
     */
    static String subject(SchemaWalker.Node node, String noun) {
        if (node.isReference()) {
            return "Schema '" + node.name() + "'";
        }
        if (node.edge() == SchemaWalker.Edge.ROOT && node.propertyName() != null) {
            return "Parameter '" + node.propertyName() + "'";
        }
        return node.propertyName() == null ? capitalise(noun) + " value" : capitalise(noun) + " property '"
                + node.propertyName() + "'";
    }

    /** Media types whose bodies are structured data a schema can describe. */
    static boolean isStructured(String mediaType) {
        String type = mediaType.toLowerCase(Locale.ROOT).split(";", 2)[0].trim();
        return type.equals("application/json") || type.endsWith("+json") || type.equals("*/*")
                || type.equals("application/xml") || type.equals("text/xml") || type.endsWith("+xml")
                || type.equals("application/x-www-form-urlencoded") || type.startsWith("multipart/");
    }

    private static String capitalise(String noun) {
        return noun.isEmpty() ? noun : Character.toUpperCase(noun.charAt(0)) + noun.substring(1);
    }
}
