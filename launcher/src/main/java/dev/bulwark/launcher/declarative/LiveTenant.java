package dev.bulwark.launcher.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tenant as the control plane has it now: its {@link TenantConfig} plus the server ids behind
 * each natural identity, which apply needs to address what it changes. Retired APIs and rejected
 * subscriptions are history, not configuration, and are left out.
 */
final class LiveTenant {
    final TenantConfig config;
    /** API name → id. */
    final Map<String, String> apiIds = new HashMap<>();
    /** "api/plan" → id. */
    final Map<String, String> planIds = new HashMap<>();
    /** email → id. */
    final Map<String, String> developerIds = new HashMap<>();
    /** "email/application" → id. */
    final Map<String, String> applicationIds = new HashMap<>();
    /** "email/application/api" → subscription id. */
    final Map<String, String> subscriptionIds = new HashMap<>();

    private LiveTenant(TenantConfig config) {
        this.config = config;
    }

    static LiveTenant fetch(ControlPlaneClient client) {
        LiveTenant live = new LiveTenant(new TenantConfig(new TreeMap<>(), new TreeMap<>()));
        Map<String, String> apiNames = new HashMap<>();
        Map<String, String> planNames = new HashMap<>();
        for (JsonNode listed : client.list("/apis")) {
            if ("retired".equals(listed.path("lifecycle").asText())) {
                continue;
            }
            String id = listed.path("id").asText();
            String name = listed.path("name").asText();
            if (live.apiIds.containsKey(name)) {
                throw new CliException("two live APIs are named '" + name + "': names identify APIs, rename one first");
            }
            ObjectNode api = api(client.get("/apis/" + id).body());
            ObjectNode operations = Nodes.object();
            for (JsonNode operation : client.list("/apis/" + id + "/operations")) {
                if (!operation.path("policies").isEmpty()) {
                    operations.putObject(operation.path("operationId").asText()).set("policies", Nodes.canonical(operation.path("policies")));
                }
            }
            api.set("operations", sorted(operations));
            ObjectNode plans = Nodes.object();
            for (JsonNode plan : client.list("/apis/" + id + "/plans")) {
                String planName = plan.path("name").asText();
                plans.set(planName, plan(plan));
                live.planIds.put(name + "/" + planName, plan.path("id").asText());
                planNames.put(plan.path("id").asText(), planName);
            }
            api.set("plans", sorted(plans));
            live.config.apis().put(name, api);
            live.apiIds.put(name, id);
            apiNames.put(id, name);
        }
        Map<String, String> emails = new HashMap<>();
        for (JsonNode developer : client.list("/developers")) {
            String email = developer.path("email").asText();
            ObjectNode node = Nodes.object();
            node.put("email", email);
            Nodes.put(node, "name", Nodes.text(developer, "name"));
            node.set("applications", Nodes.object());
            live.config.developers().put(email, node);
            live.developerIds.put(email, developer.path("id").asText());
            emails.put(developer.path("id").asText(), email);
        }
        Map<String, String> applications = new HashMap<>();
        for (JsonNode application : client.list("/applications")) {
            String email = emails.get(application.path("developerId").asText());
            String name = application.path("name").asText();
            ObjectNode node = Nodes.object();
            Nodes.put(node, "description", blankless(Nodes.text(application, "description")));
            node.set("subscriptions", Nodes.object());
            ObjectNode apps = (ObjectNode) live.config.developers().get(email).get("applications");
            apps.set(name, node);
            live.applicationIds.put(email + "/" + name, application.path("id").asText());
            applications.put(application.path("id").asText(), email + "/" + name);
        }
        for (JsonNode subscription : client.list("/subscriptions")) {
            String status = subscription.path("status").asText();
            String api = apiNames.get(subscription.path("apiId").asText());
            String application = applications.get(subscription.path("applicationId").asText());
            if ("rejected".equals(status) || api == null || application == null) {
                continue;
            }
            String[] owner = application.split("/", 2);
            ObjectNode app = (ObjectNode) live.config.developers().get(owner[0]).path("applications").get(owner[1]);
            ObjectNode node = ((ObjectNode) app.get("subscriptions")).putObject(api);
            node.put("plan", planNames.get(subscription.path("planId").asText()));
            node.put("status", status);
            live.subscriptionIds.put(application + "/" + api, subscription.path("id").asText());
        }
        live.config.developers().values().forEach(LiveTenant::sortNested);
        return live;
    }

    private static ObjectNode api(JsonNode view) {
        ObjectNode api = Nodes.object();
        api.put("name", view.path("name").asText());
        Nodes.put(api, "version", Nodes.text(view, "version"));
        api.put("basePath", view.path("basePath").asText());
        String host = Nodes.text(view, "host");
        Nodes.put(api, "host", host == null || host.isEmpty() ? null : host);
        api.put("lifecycle", view.path("lifecycle").asText());
        api.put("allowPrivateUpstreams", view.path("allowPrivateUpstreams").asBoolean());
        api.put("openapi", view.path("openapi").asText());
        ObjectNode environments = Nodes.object();
        for (JsonNode environment : view.path("environments")) {
            ObjectNode env = Nodes.object();
            env.set("upstreamUrls", environment.path("upstreamUrls"));
            env.put("enabled", environment.path("enabled").asBoolean());
            environments.set(environment.path("environment").asText(), env);
        }
        api.set("environments", sorted(environments));
        api.set("policies", Nodes.canonical(view.path("policies")));
        return api;
    }

    private static ObjectNode plan(JsonNode view) {
        ObjectNode plan = Nodes.object();
        Nodes.put(plan, "description", blankless(Nodes.text(view, "description")));
        plan.set("allowedOperations", view.path("allowedOperations"));
        plan.set("policies", Nodes.canonical(view.path("policies")));
        plan.put("approval", view.path("approval").asText());
        return plan;
    }

    /** An empty description is no description: files never say {@code description: ""}. */
    static String blankless(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    /** Object keys in order (names of plans, operations, applications...), values as they are. */
    static ObjectNode sorted(ObjectNode node) {
        ObjectNode sorted = Nodes.object();
        new TreeMap<String, JsonNode>(toMap(node)).forEach(sorted::set);
        return sorted;
    }

    private static Map<String, JsonNode> toMap(ObjectNode node) {
        Map<String, JsonNode> map = new HashMap<>();
        node.properties().forEach(entry -> map.put(entry.getKey(), entry.getValue()));
        return map;
    }

    private static void sortNested(ObjectNode developer) {
        ObjectNode applications = sorted((ObjectNode) developer.get("applications"));
        applications.properties().forEach(entry -> ((ObjectNode) entry.getValue())
                .set("subscriptions", sorted((ObjectNode) entry.getValue().get("subscriptions"))));
        developer.set("applications", applications);
    }
}
