package dev.bulwark.contracts.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.contracts.schema.Violation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreatProtectionConfigTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void defaultsBlockAllFamiliesAtDefaultSensitivityUpToOneMebibyte() throws Exception {
        ThreatProtectionConfig config = (ThreatProtectionConfig) json.readValue("{\"type\":\"threat-protection\"}", PolicyConfig.class);

        assertThat(config.mode()).isEqualTo(EnforcementMode.BLOCK);
        assertThat(config.sensitivity()).isEqualTo(ThreatSensitivity.DEFAULT);
        assertThat(config.families()).isEmpty();
        assertThat(config.exclusions()).isEmpty();
        assertThat(config.maxInspectedBodyBytes()).isEqualTo(1_048_576L);
        assertThat(config.type()).isEqualTo("threat-protection");
        assertThat(config.validate()).isEmpty();
    }

    @Test
    void readsEveryFieldByItsWireName() throws Exception {
        ThreatProtectionConfig config = (ThreatProtectionConfig) json.readValue("""
                {"type":"threat-protection","mode":"report","sensitivity":"strict","families":["sql","remote-inclusion"],
                 "exclusions":[{"location":"body/comment","families":["xss"],"ruleIds":["xss-dangerous-tag"]}],
                 "maxInspectedBodyBytes":65536}""", PolicyConfig.class);

        assertThat(config.mode()).isEqualTo(EnforcementMode.REPORT);
        assertThat(config.families()).containsExactly(ThreatFamily.SQL, ThreatFamily.REMOTE_INCLUSION);
        assertThat(config.exclusions()).containsExactly(new ThreatExclusion("body/comment", List.of(ThreatFamily.XSS),
                List.of("xss-dangerous-tag")));
        assertThat(json.readValue(json.writeValueAsString(config), PolicyConfig.class)).isEqualTo(config);
    }

    @Test
    void refusesBadExclusionsAndBoundsNamingTheField() {
        ThreatProtectionConfig config = new ThreatProtectionConfig(null, null, null, List.of(
                new ThreatExclusion("request.q", null, null),
                new ThreatExclusion("query.q", null, List.of("Not A Rule")),
                new ThreatExclusion(null, null, null)), 10L);

        assertThat(config.validate()).extracting(Violation::path)
                .contains("maxInspectedBodyBytes", "exclusions[2].location");
        ThreatProtectionConfig bounded = new ThreatProtectionConfig(null, null, null, List.of(
                new ThreatExclusion("request.q", null, null), new ThreatExclusion("query.q", null, List.of("Not A Rule"))), null);
        assertThat(bounded.validate()).extracting(Violation::path)
                .containsExactlyInAnyOrder("exclusions[0].location", "exclusions[1].ruleIds[0]");
    }

    @Test
    void publishesASchemaForThePortal() {
        Map<String, Object> schema = PolicyType.schema("threat-protection").orElseThrow();

        assertThat(schema.toString()).contains("maxInspectedBodyBytes", "exclusions", "remote-inclusion", "report");
    }
}
