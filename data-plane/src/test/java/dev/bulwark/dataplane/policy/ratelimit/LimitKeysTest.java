package dev.bulwark.dataplane.policy.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LimitKeysTest {

    @Test
    void rateLimitKeyStartsWithThePrefixAndTagsTenantAndSubject() {
        String key = LimitKeys.rateLimit("bw:", "tenant-a", "app:app-1", "api-1:abc");
        assertThat(key).isEqualTo("bw:rl:{tenant-a:app:app-1}:api-1:abc");
        assertThat(hashTag(key)).isEqualTo("tenant-a:app:app-1");
    }

    @Test
    void quotaKeyCarriesItsPeriodAndSharesTheCallersSlot() {
        String quota = LimitKeys.quota("bw:", "tenant-a", "app:app-1", "api-1:q", "2026-11");
        assertThat(quota).isEqualTo("bw:q:{tenant-a:app:app-1}:api-1:q:2026-11");
        assertThat(hashTag(quota)).isEqualTo(hashTag(LimitKeys.rateLimit("bw:", "tenant-a", "app:app-1", "x")));
    }

    @Test
    void callerControlledValuesCannotInjectBracesOrSeparatorsOrGrowTheKey() {
        String hostile = "hdr:}{evil} " + "x".repeat(10_000);
        String key = LimitKeys.rateLimit("bw:", "tenant-a", hostile, "s");
        assertThat(key.indexOf('{')).isEqualTo(key.lastIndexOf('{'));
        assertThat(key.indexOf('}')).isEqualTo(key.lastIndexOf('}'));
        assertThat(key).hasSizeLessThan(80);
        assertThat(LimitKeys.token(hostile)).startsWith("#").isEqualTo(LimitKeys.token(hostile));
    }

    @Test
    void distinctValuesGiveDistinctTokensAndIpv6StaysReadable() {
        assertThat(LimitKeys.token("ip:2001:db8::1")).isEqualTo("ip:2001:db8::1");
        assertThat(LimitKeys.token("hdr:a b")).isNotEqualTo(LimitKeys.token("hdr:a c"));
        assertThat(LimitKeys.token(null)).isEqualTo("-");
        assertThat(LimitKeys.token("x".repeat(65))).startsWith("#");
    }

    private static String hashTag(String key) {
        int open = key.indexOf('{');
        return key.substring(open + 1, key.indexOf('}', open));
    }
}
