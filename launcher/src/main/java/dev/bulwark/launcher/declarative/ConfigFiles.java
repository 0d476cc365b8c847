package dev.bulwark.launcher.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The directory layout: {@code apis/<slug>.yaml} per API (its plans inside) with its OpenAPI document
 * next to it as {@code apis/<slug>.openapi.json|yaml}, verbatim, and {@code developers.yaml} with the
 * developers, their applications and subscriptions. Keys are written in a fixed order and maps
 * sorted, so the same tenant always gives the same bytes. Unknown keys are refused with the file
 * and path named.
 */
final class ConfigFiles {
    static final String DEVELOPERS = "developers.yaml";
    private static final String OPENAPI_SUFFIX = ".openapi.";
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build());

    private static final Set<String> API_KEYS = Set.of("name", "version", "basePath", "host", "lifecycle", "allowPrivateUpstreams",
            "openapi", "environments", "policies", "operations", "plans");
    private static final Set<String> PLAN_KEYS = Set.of("description", "allowedOperations", "policies", "approval");
    private static final Set<String> ENVIRONMENT_KEYS = Set.of("upstreamUrls", "enabled");
    private static final Set<String> DEVELOPER_KEYS = Set.of("email", "name", "applications");
    private static final Set<String> APPLICATION_KEYS = Set.of("description", "subscriptions");
    private static final Set<String> SUBSCRIPTION_KEYS = Set.of("plan", "status");

    private ConfigFiles() {
    }

    /** Writes the configuration into {@code dir}, replacing the files a previous export wrote there. */
    static void write(Path dir, TenantConfig config) {
        try {
            Path apis = dir.resolve("apis");
            Files.createDirectories(apis);
            try (Stream<Path> old = Files.list(apis)) {
                for (Path file : old.filter(path -> path.getFileName().toString().matches(".*\\.(yaml|json)")).toList()) {
                    Files.delete(file);
                }
            }
            Set<String> slugs = new HashSet<>();
            for (ObjectNode api : config.apis().values()) {
                String slug = unique(slug(api.path("name").asText()), slugs);
                String document = api.path("openapi").asText();
                String documentFile = slug + OPENAPI_SUFFIX + (document.stripLeading().startsWith("{") ? "json" : "yaml");
                Files.writeString(apis.resolve(documentFile), document, StandardCharsets.UTF_8);
                ObjectNode file = api.deepCopy();
                file.put("openapi", documentFile);
                Files.writeString(apis.resolve(slug + ".yaml"), YAML.writeValueAsString(file), StandardCharsets.UTF_8);
            }
            ObjectNode developers = Nodes.object();
            config.developers().forEach((email, developer) -> developers.set(email, Nodes.without(developer, "email")));
            ObjectNode root = Nodes.object();
            root.set("developers", developers);
            Files.writeString(dir.resolve(DEVELOPERS), YAML.writeValueAsString(root), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a directory written by {@link #write} (or by hand). */
    static TenantConfig read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new CliException(dir + " is not a directory");
        }
        TreeMap<String, ObjectNode> apis = new TreeMap<>();
        Path apiDir = dir.resolve("apis");
        if (Files.isDirectory(apiDir)) {
            try (Stream<Path> files = Files.list(apiDir)) {
                for (Path file : files.sorted().toList()) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".yaml") && !name.contains(OPENAPI_SUFFIX)) {
                        ObjectNode api = readApi(apiDir, file);
                        if (apis.put(api.path("name").asText(), api) != null) {
                            throw new CliException(file + ": another file already defines the API '" + api.path("name").asText() + "'");
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new TenantConfig(apis, readDevelopers(dir.resolve(DEVELOPERS)));
    }

    private static ObjectNode readApi(Path dir, Path file) {
        ObjectNode api = yamlObject(file);
        checkKeys(file, "", api, API_KEYS);
        for (String required : List.of("name", "basePath", "openapi")) {
            if (!api.path(required).isTextual() || api.path(required).asText().isBlank()) {
                throw new CliException(file + ": " + required + " is required");
            }
        }
        Path document = dir.resolve(api.path("openapi").asText()).normalize();
        if (!document.startsWith(dir) || !Files.isRegularFile(document)) {
            throw new CliException(file + ": openapi: no file " + api.path("openapi").asText() + " next to it");
        }
        ObjectNode environments = objectOrEmpty(file, "environments", api.get("environments"));
        environments.properties().forEach(env -> checkKeys(file, "environments." + env.getKey() + ".",
                asObject(file, "environments." + env.getKey(), env.getValue()), ENVIRONMENT_KEYS));
        ObjectNode operations = objectOrEmpty(file, "operations", api.get("operations"));
        operations.properties().forEach(op -> checkKeys(file, "operations." + op.getKey() + ".",
                asObject(file, "operations." + op.getKey(), op.getValue()), Set.of("policies")));
        ObjectNode plans = objectOrEmpty(file, "plans", api.get("plans"));
        plans.properties().forEach(plan -> checkKeys(file, "plans." + plan.getKey() + ".",
                asObject(file, "plans." + plan.getKey(), plan.getValue()), PLAN_KEYS));
        ObjectNode normal = Nodes.object();
        normal.put("name", api.path("name").asText());
        Nodes.put(normal, "version", Nodes.text(api, "version"));
        normal.put("basePath", api.path("basePath").asText());
        Nodes.put(normal, "host", Nodes.text(api, "host"));
        normal.put("lifecycle", api.path("lifecycle").asText("draft"));
        normal.put("allowPrivateUpstreams", api.path("allowPrivateUpstreams").asBoolean(false));
        try {
            normal.put("openapi", Files.readString(document, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectNode envs = Nodes.object();
        environments.properties().forEach(env -> {
            ObjectNode one = Nodes.object();
            one.set("upstreamUrls", env.getValue().has("upstreamUrls") ? env.getValue().get("upstreamUrls") : Nodes.F.arrayNode());
            one.put("enabled", env.getValue().path("enabled").asBoolean(false));
            envs.set(env.getKey(), one);
        });
        normal.set("environments", LiveTenant.sorted(envs));
        normal.set("policies", policies(api.get("policies")));
        ObjectNode ops = Nodes.object();
        operations.properties().forEach(op -> {
            if (!op.getValue().path("policies").isEmpty()) {
                ops.putObject(op.getKey()).set("policies", policies(op.getValue().get("policies")));
            }
        });
        normal.set("operations", LiveTenant.sorted(ops));
        ObjectNode normalPlans = Nodes.object();
        plans.properties().forEach(plan -> {
            ObjectNode one = Nodes.object();
            Nodes.put(one, "description", LiveTenant.blankless(Nodes.text(plan.getValue(), "description")));
            one.set("allowedOperations", plan.getValue().has("allowedOperations") ? plan.getValue().get("allowedOperations")
                    : Nodes.F.arrayNode());
            one.set("policies", policies(plan.getValue().get("policies")));
            one.put("approval", plan.getValue().path("approval").asText("auto"));
            normalPlans.set(plan.getKey(), one);
        });
        normal.set("plans", LiveTenant.sorted(normalPlans));
        return normal;
    }

    private static TreeMap<String, ObjectNode> readDevelopers(Path file) {
        TreeMap<String, ObjectNode> developers = new TreeMap<>();
        if (!Files.isRegularFile(file)) {
            return developers;
        }
        ObjectNode root = yamlObject(file);
        checkKeys(file, "", root, Set.of("developers"));
        objectOrEmpty(file, "developers", root.get("developers")).properties().forEach(entry -> {
            String path = "developers." + entry.getKey();
            ObjectNode developer = asObject(file, path, entry.getValue());
            checkKeys(file, path + ".", developer, DEVELOPER_KEYS);
            ObjectNode normal = Nodes.object();
            normal.put("email", entry.getKey());
            Nodes.put(normal, "name", Nodes.text(developer, "name"));
            ObjectNode applications = Nodes.object();
            objectOrEmpty(file, path + ".applications", developer.get("applications")).properties().forEach(app -> {
                String appPath = path + ".applications." + app.getKey();
                ObjectNode application = asObject(file, appPath, app.getValue());
                checkKeys(file, appPath + ".", application, APPLICATION_KEYS);
                ObjectNode normalApp = Nodes.object();
                Nodes.put(normalApp, "description", LiveTenant.blankless(Nodes.text(application, "description")));
                ObjectNode subscriptions = Nodes.object();
                objectOrEmpty(file, appPath + ".subscriptions", application.get("subscriptions")).properties().forEach(sub -> {
                    ObjectNode subscription = asObject(file, appPath + ".subscriptions." + sub.getKey(), sub.getValue());
                    checkKeys(file, appPath + ".subscriptions." + sub.getKey() + ".", subscription, SUBSCRIPTION_KEYS);
                    ObjectNode normalSub = subscriptions.putObject(sub.getKey());
                    normalSub.put("plan", subscription.path("plan").asText());
                    normalSub.put("status", subscription.path("status").asText("active"));
                });
                normalApp.set("subscriptions", LiveTenant.sorted(subscriptions));
                applications.set(app.getKey(), normalApp);
            });
            normal.set("applications", LiveTenant.sorted(applications));
            developers.put(entry.getKey(), normal);
        });
        return developers;
    }

    private static JsonNode policies(JsonNode node) {
        return node == null || node.isNull() ? Nodes.F.arrayNode() : Nodes.canonical(node);
    }

    private static ObjectNode yamlObject(Path file) {
        try {
            JsonNode node = YAML.readTree(file.toFile());
            return node == null || node.isMissingNode() ? Nodes.object() : asObject(file, "(document)", node);
        } catch (IOException e) {
            throw new CliException(file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static ObjectNode asObject(Path file, String path, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new CliException(file + ": " + path + " must be a mapping");
        }
        return (ObjectNode) node;
    }

    private static ObjectNode objectOrEmpty(Path file, String path, JsonNode node) {
        return node == null || node.isNull() ? Nodes.object() : asObject(file, path, node);
    }

    private static void checkKeys(Path file, String prefix, ObjectNode node, Set<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new CliException(file + ": unknown key " + prefix + name + " (known: " + new TreeSet<>(known) + ")");
            }
        }
    }

    static String slug(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return slug.isEmpty() ? "api" : slug;
    }

    private static String unique(String slug, Set<String> taken) {
        String candidate = slug;
        for (int i = 2; !taken.add(candidate); i++) {
            candidate = slug + "-" + i;
        }
        return candidate;
    }
}
