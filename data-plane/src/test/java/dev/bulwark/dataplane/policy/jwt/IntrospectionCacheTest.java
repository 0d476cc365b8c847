package dev.bulwark.dataplane.policy.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IntrospectionCacheTest {
    private static final Introspected ACTIVE = new Introspected(true, new com.nimbusds.jwt.JWTClaimsSet.Builder().build());
    private final AtomicLong now = new AtomicLong(1_000);
    private final IntrospectionCache cache = new IntrospectionCache(100, now::get);

    @Test
    void theLeastRecentlyUsedAnswerIsEvictedPastTheBound() {
        for (int i = 0; i < 100; i++) {
            cache.put("t" + i, ACTIVE, TimeUnit.SECONDS.toNanos(60));
        }
        assertThat(cache.get("t0")).as("t0 used again: t1 is now the eldest").isSameAs(ACTIVE);
        cache.put("t100", ACTIVE, TimeUnit.SECONDS.toNanos(60));

        assertThat(cache.size()).isEqualTo(100);
        assertThat(cache.get("t1")).isNull();
        assertThat(cache.get("t0")).isSameAs(ACTIVE);
        assertThat(cache.get("t100")).isSameAs(ACTIVE);
    }

    @Test
    void anAnswerEndsWithItsOwnLifetimeAndANonPositiveOneIsNotKept() {
        cache.put("short", Introspected.INACTIVE, TimeUnit.SECONDS.toNanos(5));
        cache.put("long", ACTIVE, TimeUnit.SECONDS.toNanos(60));
        cache.put("expired", ACTIVE, 0);

        now.addAndGet(TimeUnit.SECONDS.toNanos(5) - 1);
        assertThat(cache.get("short")).isSameAs(Introspected.INACTIVE);
        now.incrementAndGet();
        assertThat(cache.get("short")).isNull();
        assertThat(cache.get("long")).isSameAs(ACTIVE);
        assertThat(cache.get("expired")).isNull();
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void theKeyIsTheTokensSha256NeverTheToken() {
        String token = "opaque-token-value";
        String digest = TokenIntrospector.digest(token);
        assertThat(digest).hasSize(43).doesNotContain(token).isEqualTo(TokenIntrospector.digest(token));
        // SHA-256("abc"), FIPS 180-2 example, base64url without padding.
        assertThat(TokenIntrospector.digest("abc")).isEqualTo("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
    }
}
