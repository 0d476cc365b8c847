package dev.bulwark.launcher.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Carries out a list of {@link Change}s through {@code /api/v1}: APIs (fields, environments,
 * policies), then plans, then API lifecycles (publishing needs the environments and policies in
 * place), then developers, applications and subscriptions. Every update sends the {@code If-Match}
 * of the version it read, so a concurrent edit in the console stops the run with 412 instead of
 * being overwritten. Stops at the first refusal.
 */
final class Applier {
    private final ControlPlaneClient client;
    private final LiveTenant live;
    private final PrintStream out;

    Applier(ControlPlaneClient client, LiveTenant live, PrintStream out) {
        this.client = client;
        this.live = live;
        this.out = out;
    }

    void apply(List<Change> changes) {
        for (Change change : of(changes, Change.Resource.API)) {
            if (change.kind() == Change.Kind.CREATE || change.kind() == Change.Kind.UPDATE) {
                api(change);
            }
        }
        for (Change change : of(changes, Change.Resource.PLAN)) {
            plan(change);
        }
        for (Change change : of(changes, Change.Resource.API)) {
            if (change.kind() != Change.Kind.DELETE) {
                lifecycle(change.key(), change.current() == null ? "draft" : change.current().path("lifecycle").asText(),
                        change.desired().path("lifecycle").asText());
            }
        }
        for (Change change : of(changes, Change.Resource.DEVELOPER)) {
            developer(change);
        }
        for (Change change : of(changes, Change.Resource.APPLICATION)) {
            application(change);
        }
        for (Change change : of(changes, Change.Resource.SUBSCRIPTION)) {
            subscription(change);
        }
        for (Change change : changes) {
            if (change.kind() == Change.Kind.DELETE) {
                delete(change);
            }
        }
    }

    private static List<Change> of(List<Change> changes, Change.Resource type) {
        return changes.stream().filter(change -> change.type() == type && change.kind() != Change.Kind.UNCHANGED).toList();
    }

    private void api(Change change) {
        ObjectNode want = change.desired();
        String name = change.key();
        if (change.kind() == Change.Kind.CREATE) {
            ObjectNode body = Nodes.object();
            body.put("name", name);
            body.put("openapi", want.path("openapi").asText());
            body.put("basePath", want.path("basePath").asText());
            Nodes.put(body, "host", Nodes.text(want, "host"));
            Nodes.put(body, "version", Nodes.text(want, "version"));
            body.set("upstreamUrls", want.path("environments").path("staging").path("upstreamUrls").isArray()
                    ? want.path("environments").path("staging").path("upstreamUrls") : Nodes.F.arrayNode());
            body.put("allowPrivateUpstreams", want.path("allowPrivateUpstreams").asBoolean());
            live.apiIds.put(name, client.post("/apis", body).body().path("id").asText());
            out.println("  created api " + name);
        }
        String id = live.apiIds.get(name);
        ControlPlaneClient.Answer current = client.get("/apis/" + id);
        JsonNode have = current.body();
        String etag = current.etag();

        ObjectNode patch = Nodes.object();
        for (String field : List.of("openapi", "basePath", "version")) {
            String wanted = Nodes.text(want, field);
            if (wanted != null && !wanted.equals(Nodes.text(have, field))) {
                patch.put(field, wanted);
            }
        }
        String host = Nodes.text(want, "host") == null ? "" : Nodes.text(want, "host");
        String hostNow = Nodes.text(have, "host") == null ? "" : Nodes.text(have, "host");
        if (!host.equals(hostNow)) {
            patch.put("host", host);
        }
        if (want.path("allowPrivateUpstreams").asBoolean() != have.path("allowPrivateUpstreams").asBoolean()) {
            patch.put("allowPrivateUpstreams", want.path("allowPrivateUpstreams").asBoolean());
        }
        if (!patch.isEmpty()) {
            etag = client.update("PATCH", "/apis/" + id, patch, etag).etag();
            out.println("  updated api " + name + " " + patch.properties().stream().map(Map.Entry::getKey).toList());
        }

        Map<String, JsonNode> haveEnvironments = new HashMap<>();
        have.path("environments").forEach(env -> haveEnvironments.put(env.path("environment").asText(), env));
        List<Map.Entry<String, JsonNode>> environments = new ArrayList<>(want.path("environments").properties());
        // Enabling first: a published API must keep a serving environment after every single call.
        environments.sort(Comparator.comparing(env -> !env.getValue().path("enabled").asBoolean()));
        for (Map.Entry<String, JsonNode> env : environments) {
            JsonNode now = haveEnvironments.get(env.getKey());
            boolean same = now != null && now.path("upstreamUrls").equals(env.getValue().path("upstreamUrls"))
                    && now.path("enabled").asBoolean() == env.getValue().path("enabled").asBoolean();
            if (!same) {
                etag = client.update("PUT", "/apis/" + id + "/environments/" + ControlPlaneClient.encode(env.getKey()),
                        env.getValue(), etag).etag();
                out.println("  updated api " + name + " environment " + env.getKey());
            }
        }
        if (!Nodes.canonical(have.path("policies")).equals(want.path("policies"))) {
            etag = client.update("PUT", "/apis/" + id + "/policies", policyList(want.path("policies")), etag).etag();
            out.println("  updated api " + name + " policies");
        }
        operations(name, id, want.path("operations"), etag);
    }

    private void operations(String name, String id, JsonNode wanted, String etag) {
        Set<String> known = new java.util.HashSet<>();
        for (JsonNode operation : client.list("/apis/" + id + "/operations")) {
            String key = operation.path("operationId").asText();
            known.add(key);
            JsonNode want = wanted.path(key).path("policies").isArray() ? wanted.path(key).path("policies") : Nodes.F.arrayNode();
            if (!Nodes.canonical(operation.path("policies")).equals(want)) {
                etag = client.update("PUT", "/apis/" + id + "/operations/" + ControlPlaneClient.encode(key) + "/policies",
                        policyList(want), etag).etag();
                out.println("  updated api " + name + " operation " + key + " policies");
            }
        }
        wanted.fieldNames().forEachRemaining(key -> {
            if (!known.contains(key)) {
                throw new CliException("api " + name + ": operations." + key + " is not an operation of its OpenAPI document");
            }
        });
    }

    private static ObjectNode policyList(JsonNode policies) {
        ObjectNode body = Nodes.object();
        body.set("policies", policies);
        return body;
    }

    private void plan(Change change) {
        String[] key = change.key().split("/", 2);
        ObjectNode body = Nodes.object();
        body.put("name", key[1]);
        if (change.kind() == Change.Kind.DELETE) {
            out.println("  skipped plan " + change.key() + ": the API has no way to delete plans");
            return;
        }
        String description = Nodes.text(change.desired(), "description");
        if (description != null || change.kind() == Change.Kind.UPDATE) {
            body.put("description", description == null ? "" : description);
        }
        body.set("allowedOperations", change.desired().path("allowedOperations"));
        body.set("policies", change.desired().path("policies"));
        body.put("approval", change.desired().path("approval").asText());
        String apiId = live.apiIds.get(key[0]);
        if (change.kind() == Change.Kind.CREATE) {
            live.planIds.put(change.key(), client.post("/apis/" + apiId + "/plans", body).body().path("id").asText());
            out.println("  created plan " + change.key());
        } else {
            String id = live.planIds.get(change.key());
            client.update("PATCH", "/plans/" + id, body, client.get("/plans/" + id).etag());
            out.println("  updated plan " + change.key());
        }
    }

    /** Walks the lifecycle graph: draft → published ⇄ deprecated → retired, draft → retired. */
    private void lifecycle(String name, String from, String to) {
        List<String> steps = switch (to) {
            case "published" -> from.equals("published") ? List.of() : List.of("published");
            case "deprecated" -> switch (from) {
                case "draft" -> List.of("published", "deprecated");
                case "published" -> List.of("deprecated");
                default -> List.of();
            };
            case "retired" -> from.equals("published") ? List.of("deprecated", "retired") : List.of("retired");
            case "draft" -> {
                if (!from.equals("draft")) {
                    throw new CliException("api " + name + ": lifecycle cannot go back to draft from " + from);
                }
                yield List.of();
            }
            default -> throw new CliException("api " + name + ": lifecycle must be draft, published, deprecated or retired, not " + to);
        };
        for (String state : steps) {
            ObjectNode body = Nodes.object();
            body.put("state", state);
            client.post("/apis/" + live.apiIds.get(name) + "/lifecycle", body);
            out.println("  api " + name + " is now " + state);
        }
    }

    private void developer(Change change) {
        if (change.kind() == Change.Kind.DELETE) {
            out.println("  skipped developer " + change.key() + ": the API has no way to delete developers");
            return;
        }
        if (change.kind() == Change.Kind.UPDATE) {
            throw new CliException("developer " + change.key() + ": " + String.join(", ", change.fields())
                    + " cannot be changed through the API (developers are created, not edited)");
        }
        ObjectNode body = Nodes.object();
        body.put("email", change.key());
        body.put("name", change.desired().path("name").asText(""));
        live.developerIds.put(change.key(), client.post("/developers", body).body().path("id").asText());
        out.println("  created developer " + change.key());
    }

    private void application(Change change) {
        if (change.kind() == Change.Kind.DELETE) {
            out.println("  skipped application " + change.key() + ": the API has no way to delete applications");
            return;
        }
        if (change.kind() == Change.Kind.UPDATE) {
            throw new CliException("application " + change.key() + ": " + String.join(", ", change.fields())
                    + " cannot be changed through the API (applications are created, not edited)");
        }
        String[] key = change.key().split("/", 2);
        ObjectNode body = Nodes.object();
        body.put("name", key[1]);
        body.put("developerId", live.developerIds.get(key[0]));
        Nodes.put(body, "description", Nodes.text(change.desired(), "description"));
        live.applicationIds.put(change.key(), client.post("/applications", body).body().path("id").asText());
        out.println("  created application " + change.key());
    }

    private void subscription(Change change) {
        int cut = change.key().lastIndexOf('/');
        String application = change.key().substring(0, cut);
        String api = change.key().substring(cut + 1);
        if (change.kind() == Change.Kind.DELETE) {
            out.println("  skipped subscription " + change.key() + ": the API has no way to cancel subscriptions");
            return;
        }
        String wantStatus = change.desired().path("status").asText();
        if (change.kind() == Change.Kind.UPDATE) {
            boolean approveOnly = change.current().path("plan").equals(change.desired().path("plan"))
                    && change.current().path("status").asText().equals("pending") && wantStatus.equals("active");
            if (!approveOnly) {
                throw new CliException("subscription " + change.key() + ": " + String.join(", ", change.fields())
                        + " cannot be changed through the API (only a pending subscription can be approved)");
            }
            client.post("/subscriptions/" + live.subscriptionIds.get(change.key()) + "/approve", null);
            out.println("  approved subscription " + change.key());
            return;
        }
        String planId = live.planIds.get(api + "/" + change.desired().path("plan").asText());
        if (planId == null) {
            throw new CliException("subscription " + change.key() + ": api " + api + " has no plan "
                    + change.desired().path("plan").asText());
        }
        ObjectNode body = Nodes.object();
        body.put("planId", planId);
        JsonNode created = client.post("/applications/" + live.applicationIds.get(application) + "/subscriptions", body).body();
        out.println("  created subscription " + change.key());
        if (wantStatus.equals("active") && created.path("status").asText().equals("pending")) {
            client.post("/subscriptions/" + created.path("id").asText() + "/approve", null);
            out.println("  approved subscription " + change.key());
        }
    }

    private void delete(Change change) {
        switch (change.type()) {
            case API -> lifecycle(change.key(), change.current().path("lifecycle").asText(), "retired");
            case PLAN -> plan(change);
            case DEVELOPER -> developer(change);
            case APPLICATION -> application(change);
            case SUBSCRIPTION -> subscription(change);
        }
    }
}
