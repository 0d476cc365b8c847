package dev.bulwark.launcher.declarative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files' round trip and the diff's field lines, without a server (the HTTP round trip is DeclarativeRoundTripTest). */
class ConfigFilesAndDiffTest {

    private static TenantConfig config(long limit, boolean productionEnabled) {
        ObjectNode api = Nodes.object();
        api.put("name", "Pets & Co");
        api.put("version", "1.0");
        api.put("basePath", "/pets");
        api.put("lifecycle", "draft");
        api.put("allowPrivateUpstreams", false);
        api.put("openapi", "openapi: 3.0.3\ninfo: {title: Pets, version: '1'}\npaths: {}\n");
        ObjectNode environments = api.putObject("environments");
        environments.putObject("production").put("enabled", productionEnabled).putArray("upstreamUrls").add("https://pets.example");
        environments.putObject("staging").put("enabled", true).putArray("upstreamUrls").add("https://pets-staging.example");
        api.putArray("policies").addObject().put("type", "api-key").put("name", "X-API-Key");
        api.putObject("operations");
        ObjectNode gold = api.putObject("plans").putObject("gold");
        gold.putArray("allowedOperations");
        gold.putArray("policies").addObject().put("type", "rate-limit").put("limit", limit).put("periodSeconds", 60);
        gold.put("approval", "auto");
        ObjectNode developer = Nodes.object();
        developer.put("email", "dev@example.test");
        developer.put("name", "Dev");
        developer.putObject("applications").putObject("App").putObject("subscriptions").putObject("Pets & Co")
                .put("plan", "gold").put("status", "active");
        TreeMap<String, ObjectNode> apis = new TreeMap<>();
        apis.put("Pets & Co", api);
        TreeMap<String, ObjectNode> developers = new TreeMap<>();
        developers.put("dev@example.test", developer);
        return new TenantConfig(apis, developers);
    }

    @Test
    void whatIsWrittenReadsBackAsTheSameConfiguration(@TempDir Path dir) throws IOException {
        TenantConfig written = config(100, true);
        ConfigFiles.write(dir, written);
        assertThat(dir.resolve("apis/pets-co.yaml")).exists();
        assertThat(Files.readString(dir.resolve("apis/pets-co.openapi.yaml"))).isEqualTo(written.apis().get("Pets & Co").path("openapi").asText());
        assertThat(Files.readString(dir.resolve("apis/pets-co.yaml"))).contains("version: \"1.0\"");

        TenantConfig read = ConfigFiles.read(dir);
        assertThat(Differ.changes(read, written, true)).allMatch(change -> change.kind() == Change.Kind.UNCHANGED).hasSize(5);
        // Byte-identical re-exports of a server's tenant are DeclarativeRoundTripTest's; here: a rewrite reads back unchanged.
        ConfigFiles.write(dir, read);
        assertThat(Differ.changes(ConfigFiles.read(dir), written, true)).allMatch(change -> change.kind() == Change.Kind.UNCHANGED);
    }

    @Test
    void diffNamesTheChangedFieldsAndDeletesOnlyWithPrune() {
        List<Change> changes = Differ.changes(config(250, false), config(100, true), false);
        Change api = changes.stream().filter(change -> change.type() == Change.Resource.API).findFirst().orElseThrow();
        assertThat(api.kind()).isEqualTo(Change.Kind.UPDATE);
        assertThat(api.fields()).containsExactly("environments.production.enabled: true → false");
        Change plan = changes.stream().filter(change -> change.type() == Change.Resource.PLAN).findFirst().orElseThrow();
        assertThat(plan.fields()).singleElement().asString().startsWith("policies: ").contains("250");

        TenantConfig empty = new TenantConfig(new TreeMap<>(), new TreeMap<>());
        assertThat(Differ.changes(empty, config(1, true), false)).isEmpty();
        assertThat(Differ.changes(empty, config(1, true), true)).extracting(Change::kind).containsOnly(Change.Kind.DELETE).hasSize(5);
        assertThat(Differ.changes(config(1, true), empty, false)).extracting(Change::type).containsExactly(Change.Resource.API,
                Change.Resource.PLAN, Change.Resource.DEVELOPER, Change.Resource.APPLICATION, Change.Resource.SUBSCRIPTION);
    }

    @Test
    void unknownKeysAndMissingDocumentsAreRefusedWithTheirFileAndPath(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("apis"));
        Files.writeString(dir.resolve("apis/a.yaml"), "name: A\nbasePath: /a\nopenapi: a.openapi.json\n");
        assertThatThrownBy(() -> ConfigFiles.read(dir)).hasMessageContaining("a.yaml: openapi: no file a.openapi.json");
        Files.writeString(dir.resolve("apis/a.openapi.json"), "{}");
        Files.writeString(dir.resolve("apis/a.yaml"), "name: A\nbasePath: /a\nopenapi: a.openapi.json\nplans: {gold: {approvel: auto}}\n");
        assertThatThrownBy(() -> ConfigFiles.read(dir)).hasMessageContaining("a.yaml: unknown key plans.gold.approvel");
        Files.writeString(dir.resolve("apis/a.yaml"), "name: A\nbasePath: /a\nopenapi: ../../etc/passwd\n");
        assertThatThrownBy(() -> ConfigFiles.read(dir)).hasMessageContaining("no file ../../etc/passwd");
        Files.writeString(dir.resolve("apis/a.yaml"), "name: A\nbasePath: /a\nopenapi: a.openapi.json\n");
        Files.writeString(dir.resolve("developers.yaml"), "developers: {d@x.test: {name: D, apps: {}}}\n");
        assertThatThrownBy(() -> ConfigFiles.read(dir)).hasMessageContaining("developers.yaml: unknown key developers.d@x.test.apps");
    }
}
