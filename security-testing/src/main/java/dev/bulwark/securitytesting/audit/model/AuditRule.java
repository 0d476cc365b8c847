package dev.bulwark.securitytesting.audit.model;

import dev.bulwark.securitytesting.openapi.ApiDocument;
import java.util.List;

/**
 * One check of an OpenAPI document. Implementations are stateless and must not modify the
 * document's model.
 */
public interface AuditRule {

    RuleDescriptor descriptor();

    List<Finding> check(ApiDocument document);
}
