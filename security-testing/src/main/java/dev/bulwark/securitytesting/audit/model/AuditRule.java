package dev.bulwark.securitytesting.audit.model;

import java.util.List;

/**
 * One check of an OpenAPI document (and, when known, of the gateway policies it is served with).
 * Implementations are stateless and must not modify the document's model.
 */
public interface AuditRule {

    RuleDescriptor descriptor();

    List<Finding> check(AuditTarget target);
}
