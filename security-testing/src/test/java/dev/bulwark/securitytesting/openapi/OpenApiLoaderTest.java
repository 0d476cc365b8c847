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

    @Test
    void refusesSwagger2WithAnExplicitReason() {
        assertThatThrownBy(() -> loader.parse("swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n", "x"))
                .hasMessageContaining("Swagger 2.0");
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
