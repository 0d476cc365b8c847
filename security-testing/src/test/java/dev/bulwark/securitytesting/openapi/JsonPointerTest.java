package dev.bulwark.securitytesting.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonPointerTest {

    @Test
    void escapesSlashAndTildeAsRfc6901Says() {
        JsonPointer pointer = JsonPointer.of("paths", "/users/{id}", "get").child("x~y");

        assertThat(pointer).hasToString("/paths/~1users~1{id}/get/x~0y");
    }

    @Test
    void parseIsTheInverseOfToString() {
        JsonPointer pointer = JsonPointer.of("paths", "/a~b/c", "responses").child(200);

        assertThat(JsonPointer.parse(pointer.toString())).isEqualTo(pointer);
    }

    @Test
    void rootIsTheEmptyString() {
        assertThat(JsonPointer.ROOT).hasToString("");
        assertThat(JsonPointer.parse("")).isEqualTo(JsonPointer.ROOT);
        assertThat(JsonPointer.ROOT.parent()).isEmpty();
    }

    @Test
    void parentDropsTheLastToken() {
        assertThat(JsonPointer.parse("/a/b").parent()).contains(JsonPointer.of("a"));
    }

    @Test
    void rejectsRelativeForm() {
        assertThatThrownBy(() -> JsonPointer.parse("a/b")).isInstanceOf(IllegalArgumentException.class);
    }
}
