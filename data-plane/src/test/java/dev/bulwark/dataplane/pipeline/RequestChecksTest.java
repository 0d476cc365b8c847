package dev.bulwark.dataplane.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestChecksTest {
    @Test
    void pathsAnUpstreamCouldResolveDifferentlyAreInvalid() {
        for (String path : List.of("/.", "/..", "/a/./b", "/a/../b", "/a/..", "/a/%2e", "/a/%2E%2e/b", "/a/.%2E", "/a/..;x/b",
                "/a/.;", "/a/%2e%2e;p=1", "/a%2Fb", "/a%2fb", "/a%5Cb", "/a%5cb", "/a\\b", "/a/%2F", "/;x/..")) {
            assertThat(RequestChecks.invalidPath(path)).as(path).isTrue();
        }
    }

    @Test
    void ordinaryPathsAreValid() {
        for (String path : List.of("/", "/a", "/a/", "//a", "/a.b", "/.well-known/x", "/...", "/a/%2e%2e%2e", "/a;b=..", "/a;x/%2e%2e.b",
                "/%20", "/a%2", "/a%", "/a%2g", "/caf%C3%A9", "/a/b;c=%2e%2e")) {
            assertThat(RequestChecks.invalidPath(path)).as(path).isFalse();
        }
    }

    @Test
    void emptyInvalidAndFramingLookalikeHeaderNamesAreAmbiguous() {
        for (String name : List.of("", "Transfer_Encoding", "Content_Length", "Transfer---Encoding", "transfer___encoding",
                "TransferEncoding", "Content--Length", "content-length_", "X Y", "X\u0001")) {
            io.vertx.core.MultiMap headers = io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("Host", "a").add(name, "1");
            assertThat(RequestChecks.ambiguousHeaderNames(headers)).as("'" + name + "'").isTrue();
        }
    }

    @Test
    void tokenHeaderNamesWithUnderscoresPass() {
        io.vertx.core.MultiMap headers = io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("Host", "a")
                .add("My_Custom_Header", "x").add("My-Custom-Header.!#$%&'*+^_`|~0123456789", "x").add("Content-Length", "1")
                .add("TRANSFER-ENCODING", "chunked").add("X_Transfer_Encoding", "x");
        assertThat(RequestChecks.ambiguousHeaderNames(headers)).isFalse();
    }
}
