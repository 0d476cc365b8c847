package dev.bulwark.controlplane.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.controlplane.application.Application;
import dev.bulwark.controlplane.application.ApplicationService;
import dev.bulwark.controlplane.developer.Developer;
import dev.bulwark.controlplane.developer.DeveloperService;
import dev.bulwark.controlplane.kernel.Environment;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.plan.Plan;
import dev.bulwark.controlplane.plan.PlanService;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/** Builds catalog state through the real services, for tests that need a published API and consumers. */
@Singleton
public class CatalogScenario {
    private final ApiService apis;
    private final PolicyAttachments policies;
    private final PlanService plans;
    private final DeveloperService developers;
    private final ApplicationService applications;
    private final ObjectMapper mapper;

    public CatalogScenario(ApiService apis, PolicyAttachments policies, PlanService plans, DeveloperService developers,
                           ApplicationService applications, ObjectMapper mapper) {
        this.apis = apis;
        this.policies = policies;
        this.plans = plans;
        this.developers = developers;
        this.applications = applications;
        this.mapper = mapper;
    }

    public ApiView publishedApi(Principal actor, String basePath) {
        ApiView api = apis.create(actor, CatalogTestSupport.petstore(basePath));
        long version = policies.setApiPolicies(actor, api.id(), 0, nodes("[{\"type\":\"api-key\"}]")).version();
        long next = apis.setEnvironment(actor, api.id(), Environment.PRODUCTION, version,
                new ApiCommands.EnvironmentUpdate(List.of("https://203.0.113.30"), true)).version();
        return apis.changeLifecycle(actor, api.id(), "published").body();
    }

    public Plan plan(Principal actor, ApiView api, String name, String approval) {
        return plans.create(actor, api.id(), new PlanService.CreatePlan(name, null, List.of("listPets"),
                nodes("[{\"type\":\"rate-limit\",\"limit\":100,\"periodSeconds\":60}]"), approval));
    }

    public Application application(Principal actor, String name) {
        Developer developer = developers.create(actor, new DeveloperService.CreateDeveloper(
                name.toLowerCase(java.util.Locale.ROOT).replace(' ', '-') + "-" + System.nanoTime() + "@dev.example", name));
        return applications.create(actor, new ApplicationService.CreateApplication(name, developer.id().toString(), null));
    }

    public List<JsonNode> nodes(String json) {
        try {
            List<JsonNode> out = new ArrayList<>();
            mapper.readTree(json).forEach(out::add);
            return out;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
