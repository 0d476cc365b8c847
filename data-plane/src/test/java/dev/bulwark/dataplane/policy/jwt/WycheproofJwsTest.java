package dev.bulwark.dataplane.policy.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs the Wycheproof JSON Web Signature vectors at the signature layer, the algorithm pinned by
 * the group's key (never the token's header). The corpus is read in place, not copied.
 *
 * <p>Eight vectors contradict themselves and are reported, not counted: 367 and 370 are
 * byte-for-byte the valid vector 357 yet labelled invalid (their padding was lost); 372/373
 * contain a '?', outside the base64url alphabet (RFC 7515 §2), yet are labelled valid; and in
 * 346/347/350/351 the group's key pins an algorithm other than the token's (PS256 for a PS384
 * token; the non-existent "ES521"), so pinning by the key must refuse them. Other Wycheproof
 * consumers set aside the same vectors.
 */
class WycheproofJwsTest {
    private static final Map<Integer, String> DEFECTIVE = Map.of(
            367, "identical to valid vector 357, labelled invalid",
            370, "identical to valid vector 357, labelled invalid",
            372, "'?' in the header, outside base64url, labelled valid",
            373, "'?' in the payload, outside base64url, labelled valid",
            346, "key pins PS256, token is PS384 (RFC 7520 figure 20)",
            350, "key pins PS256, token is PS384 (RFC 7520 figure 20)",
            347, "key pins the non-existent alg ES521, token is ES512",
            351, "key pins the non-existent alg ES521, token is ES512");

    @Test
    void everyVectorMeetsItsVerdictExceptTheSelfContradictoryOnes() throws Exception {
        Path corpus = corpusFile();
        Assumptions.assumeTrue(corpus != null, "Wycheproof corpus not present beside the repository");
        JsonNode root = new ObjectMapper().readTree(corpus.toFile());
        int valid = 0;
        int validAccepted = 0;
        int invalid = 0;
        int invalidRejected = 0;
        List<String> wrong = new ArrayList<>();
        List<String> defective = new ArrayList<>();
        for (JsonNode group : root.get("testGroups")) {
            JsonNode keyJson = group.has("public") ? group.get("public") : group.get("private");
            JWK key = publicPart(JWK.parse(keyJson.toString()));
            for (JsonNode test : group.get("tests")) {
                int id = test.get("tcId").asInt();
                boolean expected = "valid".equals(test.get("result").asText());
                boolean accepted = accepts(test.get("jws").asText(), key);
                if (DEFECTIVE.containsKey(id)) {
                    defective.add(id + " (" + DEFECTIVE.get(id) + "): " + (accepted ? "accepted" : "rejected"));
                    continue;
                }
                if (expected) {
                    valid++;
                    validAccepted += accepted ? 1 : 0;
                } else {
                    invalid++;
                    invalidRejected += accepted ? 0 : 1;
                }
                if (accepted != expected) {
                    wrong.add(id + " " + test.get("comment").asText() + " expected " + test.get("result").asText());
                }
            }
        }
        System.out.printf("Wycheproof JWS: valid accepted %d/%d, invalid rejected %d/%d; set aside: %s%n",
                validAccepted, valid, invalidRejected, invalid, defective);
        assertThat(wrong).isEmpty();
        assertThat(valid + invalid + defective.size()).isEqualTo(root.get("numberOfTests").asInt());
    }

    /** The gateway's own path: strict parse, then verify with the key's algorithm only. */
    private static boolean accepts(String jws, JWK key) {
        if (key.getAlgorithm() == null) {
            return false;
        }
        JwsVerification.Parsed parsed = JwsVerification.parse(jws);
        return parsed != null && JwsVerification.verify(parsed, key, JWSAlgorithm.parse(key.getAlgorithm().getName()));
    }

    private static JWK publicPart(JWK key) {
        return key.isPrivate() && !(key instanceof com.nimbusds.jose.jwk.OctetSequenceKey) ? key.toPublicJWK() : key;
    }

    static Path corpusFile() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null || dir.getParent() == null) {
            return null;
        }
        Path file = dir.getParent().resolve("shared/corpora/wycheproof/json_web_signature_test.json");
        return Files.isReadable(file) ? file : null;
    }
}
