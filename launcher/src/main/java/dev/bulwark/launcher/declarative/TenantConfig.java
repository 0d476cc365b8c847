package dev.bulwark.launcher.declarative;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.SortedMap;

/**
 * A tenant's configuration by natural identities, the one model export writes, diff compares and
 * apply converges on. {@code apis} by name: {@code name, version, basePath, host, lifecycle,
 * allowPrivateUpstreams, openapi} (the document's text), {@code environments.<env>.{upstreamUrls,
 * enabled}}, {@code policies}, {@code operations.<operationId>.policies} (only operations that have
 * some) and {@code plans.<name>.{description, allowedOperations, policies, approval}}.
 * {@code developers} by email: {@code name} and {@code applications.<name>.{description,
 * subscriptions.<api name>.{plan, status}}}. No ids, timestamps or secrets.
 */
record TenantConfig(SortedMap<String, ObjectNode> apis, SortedMap<String, ObjectNode> developers) {
}
