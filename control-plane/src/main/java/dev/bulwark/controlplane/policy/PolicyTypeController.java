package dev.bulwark.controlplane.policy;

import dev.bulwark.contracts.policy.PolicyType;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.RequiresRole;
import dev.bulwark.controlplane.kernel.Role;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.List;
import java.util.Map;

/** The policy types the catalog accepts and the JSON Schema of each, for the portal's forms. */
@Controller("/api/v1/policy-types")
public class PolicyTypeController {
    public record PolicyTypeView(String type, String description, List<String> levels) {
    }

    @Get
    @RequiresRole(Role.VIEWER)
    public List<PolicyTypeView> listPolicyTypes(Principal principal) {
        return PolicyType.all().keySet().stream().sorted()
                .map(type -> new PolicyTypeView(type, description(type), levels(type)))
                .filter(view -> !view.levels().isEmpty())
                .toList();
    }

    @Get("/{type}/schema")
    @RequiresRole(Role.VIEWER)
    public Map<String, Object> schema(Principal principal, String type) {
        return PolicyType.schema(type).orElseThrow(() -> ProblemException.notFound("Policy type"));
    }

    private static String description(String type) {
        Object description = PolicyType.schema(type).orElseThrow().get("description");
        return description == null ? "" : description.toString();
    }

    private static List<String> levels(String type) {
        return java.util.Arrays.stream(PolicyLevel.values()).filter(level -> level.allows(type))
                .map(level -> level.name().toLowerCase(java.util.Locale.ROOT)).toList();
    }
}
