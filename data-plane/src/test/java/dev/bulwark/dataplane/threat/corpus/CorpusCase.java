package dev.bulwark.dataplane.threat.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One request of the CRS regression corpus (kept outside the repository, in ../shared/corpora): its
 * raw bytes, label, family, paranoia level and what the reference ModSecurity + CRS answered.
 */
public record CorpusCase(String id, String family, String label, String paranoiaLevel, byte[] raw, int refPl1, int refPl2) {

    /** The corpus file, from -Dbulwark.corpus or ../shared/corpora relative to -Dbulwark.root (default "."). */
    public static Path location() {
        Path root = Path.of(System.getProperty("bulwark.root", "."));
        return Path.of(System.getProperty("bulwark.corpus", root.resolve("../shared/corpora/crs-dev.jsonl").normalize().toString()));
    }

    public static List<CorpusCase> read(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<CorpusCase> cases = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = json.readTree(line);
            JsonNode level = row.get("paranoia_level");
            cases.add(new CorpusCase(row.get("id").asText(), row.get("family").asText(), row.get("label").asText(),
                    level == null || level.isNull() ? "?" : level.asText(), Base64.getDecoder().decode(row.get("raw_b64").asText()),
                    row.path("ref_modsec_crs_pl1").asInt(), row.path("ref_modsec_crs_pl2").asInt()));
        }
        return cases;
    }

    public boolean attack() {
        return label.equals("attack");
    }

    public boolean benign() {
        return label.equals("benign");
    }
}
