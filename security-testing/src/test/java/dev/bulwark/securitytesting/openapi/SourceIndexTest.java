package dev.bulwark.securitytesting.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SourceIndexTest {

    private static final String YAML = """
            openapi: 3.0.3
            paths:
              /users/{id}:
                get:
                  parameters:
                    - name: id
                      in: path
                    - $ref: '#/components/parameters/Limit'
            """;

    @Test
    void recordsOneBasedLineOfEachKeyAndItem() throws Exception {
        SourceIndex index = SourceIndex.of(YAML);

        assertThat(index.position(JsonPointer.parse("/paths/~1users~1{id}/get"))).contains(new SourcePosition(4, 5));
        assertThat(index.position(JsonPointer.parse("/paths/~1users~1{id}/get/parameters/1")))
                .map(SourcePosition::line).contains(8);
    }

    @Test
    void keepsScalarsAndReferences() throws Exception {
        SourceIndex index = SourceIndex.of(YAML);

        assertThat(index.scalar(JsonPointer.parse("/paths/~1users~1{id}/get/parameters/0/in"))).contains("path");
        assertThat(index.references()).singleElement().satisfies(ref -> {
            assertThat(ref.target()).isEqualTo("#/components/parameters/Limit");
            assertThat(ref.holder()).hasToString("/paths/~1users~1{id}/get/parameters/1");
        });
    }

    @Test
    void nearestPositionClimbsToTheClosestWrittenAncestorButNotToTheRoot() throws Exception {
        SourceIndex index = SourceIndex.of(YAML);

        assertThat(index.nearestPosition(JsonPointer.parse("/paths/~1users~1{id}/get/responses/200")))
                .map(SourcePosition::line).contains(4);
        assertThat(index.nearestPosition(JsonPointer.parse("/components/schemas/X"))).isEmpty();
    }

    @Test
    void readsJsonWithTheJsonParser() throws Exception {
        SourceIndex index = SourceIndex.of("{\n  \"openapi\": \"3.1.0\",\n  \"info\": {\"title\": \"t\"}\n}");

        assertThat(index.position(JsonPointer.parse("/info/title"))).map(SourcePosition::line).contains(3);
    }

    @Test
    void malformedTextIsAParseError() {
        assertThatThrownBy(() -> SourceIndex.of("a: [1, 2"))
                .isInstanceOf(OpenApiParseException.class)
                .hasMessageStartingWith("Document is not well-formed JSON or YAML");
    }
}
