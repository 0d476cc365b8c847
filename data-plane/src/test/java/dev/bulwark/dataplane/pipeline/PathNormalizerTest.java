package dev.bulwark.dataplane.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PathNormalizerTest {
    @Test
    void encodedUnreservedCharactersAreDecodedAndOtherEscapesUpperCased() {
        Map<String, String> cases = Map.of(
                "/%61dmin", "/admin",
                "/a%2Db%5F%7E%2E", "/a-b_~.",
                "/caf%c3%a9", "/caf%C3%A9",
                "/a%20b", "/a%20b",
                "/%2e%2e%2e", "/...",
                "/100%25", "/100%25",
                "/x%25y", "/x%25y");
        cases.forEach((path, normal) -> assertThat(PathNormalizer.normalize(path)).as(path).isEqualTo(normal));
    }

    @Test
    void aPathWithoutEscapesIsReturnedAsItIs() {
        String path = "/orders/42/items";
        assertThat(PathNormalizer.normalize(path)).isSameAs(path);
    }

    @Test
    void separatorsDotSegmentsDoubleEncodingNulAndOverlongUtf8AreRefused() {
        for (String path : List.of(
                "/a%2Fb", "/a%5cb", "/a\\b", "/a/%2e%2e/b", "/a/%2E.", "/%2e", "/a/..;x",
                "/a/%252e%252e%252fetc", "/a%252Fb", "/%2541dmin",
                "/a%00b",
                "/a/%c0%ae%c0%ae/b", "/a%c0%afb", "/a%C1%9Cb", "/a/%e0%80%ae", "/a%E0%80%AFb", "/a%f0%80%80%af",
                "/a%", "/a%2", "/a%zz", "/a%2g", "/a%\u0663\u0663")) {
            assertThat(PathNormalizer.normalize(path)).as(path).isNull();
        }
    }

    @Test
    void wellFormedUtf8AndNearMissesPass() {
        for (String path : List.of("/caf%C3%A9", "/%E2%82%AC", "/%F0%9F%98%80", "/%E0%A4%85", "/a%25", "/a%25z")) {
            assertThat(PathNormalizer.normalize(path)).as(path).isNotNull();
        }
    }

    @Test
    void longHostilePathsAreJudgedWhole() {
        assertThat(PathNormalizer.normalize("/" + "%25".repeat(20_000) + "%2")).isNull();
        assertThat(PathNormalizer.normalize("/" + "%41".repeat(50_000))).hasSize(50_001);
    }
}
