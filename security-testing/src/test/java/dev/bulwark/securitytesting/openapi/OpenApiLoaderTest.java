package dev.bulwark.securitytesting.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenApiLoaderTest {

    private static final String MINIMAL = """
            openapi: 3.0.3
            info: {title: t, version: '1'}
            paths:
              /a:
                get:
                  responses: {'200': {description: ok}}
            """;

    private final OpenApiLoader loader = new OpenApiLoader();

    @Test
    void parsesYamlAndIndexesOperations() throws Exception {
        ApiDocument document = loader.parse(MINIMAL, "inline.yaml");

        assertThat(document.origin()).isEqualTo("inline.yaml");
        assertThat(document.parserMessages()).isEmpty();
        assertThat(document.operations()).singleElement().satisfies(op -> {
            assertThat(op.key()).isEqualTo("GET /a");
            assertThat(op.location()).hasToString("/paths/~1a/get");
        });
    }

    @Test
    void parsesOpenApi31Json() throws Exception {
        ApiDocument document = loader.parse("""
                {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
                 "paths": {"/a": {"post": {"responses": {"204": {"description": "ok"}}}}}}
                """, "inline.json");

        assertThat(document.operations()).extracting(ApiOperation::key).containsExactly("POST /a");
    }

    @Test
    void keepsParserComplaintsWhenAModelCouldStillBeBuilt() throws Exception {
        ApiDocument document = loader.parse(MINIMAL.replace("version: '1'", "x: y"), "inline.yaml");

        assertThat(document.parserMessages()).contains("attribute info.version is missing");
    }

    @Test
    void failsWithParserMessagesWhenNoModelComesOut() {
        assertThatThrownBy(() -> loader.parse("info: {title: t}\n", "inline.yaml"))
                .isInstanceOfSatisfying(OpenApiParseException.class,
                        e -> assertThat(e.messages()).contains("attribute openapi is missing"));
    }

    private static final String SWAGGER2 = """
            swagger: '2.0'
            info: {title: Old, version: '1'}
            host: api.example.com
            basePath: /v1
            schemes: [https]
            paths:
              /pets/{petId}:
                get:
                  parameters:
                    - {name: petId, in: path, required: true, type: integer}
                  responses:
                    '200':
                      description: ok
                      schema: {$ref: '#/definitions/Pet'}
            definitions:
              Pet:
                type: object
                properties:
                  name: {type: string}
            """;

    @Test
    void convertsSwagger2AndPointsBackIntoTheOriginalText() throws Exception {
        ApiDocument document = loader.parse(SWAGGER2, "old.yaml");

        assertThat(document.convertedFrom()).contains("2.0");
        assertThat(document.operations()).extracting(ApiOperation::key).containsExactly("GET /pets/{petId}");
        assertThat(document.componentSchemas()).containsKey("Pet");
        assertThat(document.declaresServers()).isTrue();
        // The converted pointer /components/schemas/Pet/properties/name is written at definitions/Pet/... (line 19).
        assertThat(document.nearestPosition(JsonPointer.parse("/components/schemas/Pet/properties/name")))
                .hasValueSatisfying(p -> assertThat(p.line()).isEqualTo(19));
    }

    @Test
    void swagger2MustBeSelfContainedAndOlderVersionsAreRefused() {
        assertThatThrownBy(() -> loader.parse(SWAGGER2.replace("'#/definitions/Pet'", "'other.yaml#/Pet'"), "x"))
                .hasMessageContaining("External reference not allowed");
        assertThatThrownBy(() -> loader.parse("swagger: '1.2'\ninfo: {title: t}\n", "x"))
                .hasMessageContaining("Unsupported Swagger version '1.2'");
    }

    @Test
    void acceptsNineMebibytesByDefaultButNotElevenOrFromAFile(@TempDir Path dir) throws Exception {
        String padding = "a".repeat(9 * 1024 * 1024);
        String nine = "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"t\", \"version\": \"1\", \"description\": \""
                + padding + "\"}, \"paths\": {}}";

        assertThat(loader.parse(nine, "nine.json").openApi().getInfo().getDescription()).hasSize(padding.length());
        Path eleven = dir.resolve("eleven.json");
        Files.writeString(eleven, nine + " ".repeat(2 * 1024 * 1024));
        assertThatThrownBy(() -> loader.load(eleven)).hasMessageContaining("larger than 10485760 bytes");
    }

    @Test
    void refusesEmptyAndOversizedDocuments() {
        assertThatThrownBy(() -> loader.parse("  \n", "x")).hasMessage("Document is empty");
        assertThatThrownBy(() -> new OpenApiLoader(16).parse(MINIMAL, "x")).hasMessageContaining("larger than 16");
    }

    @Test
    void inlineDocumentsMayNotReferenceFilesOrUrls() {
        String local = MINIMAL.replace("{'200': {description: ok}}", "{'200': {$ref: '/etc/passwd'}}");
        String remote = MINIMAL.replace("{'200': {description: ok}}", "{'200': {$ref: 'http://169.254.169.254/x'}}");

        assertThatThrownBy(() -> loader.parse(local, "x")).hasMessageContaining("'/etc/passwd'");
        assertThatThrownBy(() -> loader.parse(remote, "x")).hasMessageContaining("169.254.169.254");
    }

    @Test
    void fileMayReferenceSiblingFiles(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("schemas.yaml"), "User:\n  type: object\n  properties:\n    name: {type: string}\n");
        Path main = dir.resolve("api.yaml");
        Files.writeString(main, """
                openapi: 3.0.3
                info: {title: t, version: '1'}
                paths:
                  /a:
                    get:
                      responses:
                        '200':
                          description: ok
                          content:
                            application/json:
                              schema: {$ref: './schemas.yaml#/User'}
                """);

        ApiDocument document = loader.load(main);

        assertThat(document.parserMessages()).isEmpty();
        assertThat(document.componentSchemas()).containsKey("User");
    }

    @Test
    void fileReferencesMayNotEscapeTheDocumentDirectory(@TempDir Path dir) throws Exception {
        Path outside = dir.resolve("secret.yaml");
        Files.writeString(outside, "S: {type: string}\n");
        Path apiDir = Files.createDirectory(dir.resolve("api"));
        Files.writeString(apiDir.resolve("nested.yaml"), "N:\n  $ref: '../secret.yaml#/S'\n");
        Path main = apiDir.resolve("api.yaml");
        Files.writeString(main, MINIMAL + "components:\n  schemas:\n    N: {$ref: './nested.yaml#/N'}\n");

        assertThatThrownBy(() -> loader.load(main))
                .isInstanceOf(OpenApiParseException.class)
                .hasMessageContaining("leaves the document's directory")
                .hasMessageContaining("nested.yaml");
    }

    @Test
    void absoluteAndEncodedFileReferencesAreRefused(@TempDir Path dir) throws Exception {
        Path main = dir.resolve("api.yaml");
        Files.writeString(main, MINIMAL + "components:\n  schemas:\n    A: {$ref: '..%2Fsecret.yaml#/S'}\n");

        assertThatThrownBy(() -> loader.load(main)).hasMessageContaining("Only relative file references");
    }

    @Test
    void missingFileIsAParseError(@TempDir Path dir) {
        assertThatThrownBy(() -> loader.load(dir.resolve("none.yaml"))).hasMessageStartingWith("Cannot read");
    }
}
