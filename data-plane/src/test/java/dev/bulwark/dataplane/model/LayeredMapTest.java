package dev.bulwark.dataplane.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The layered table behaves as a plain map through layers and folds, over seeded random edits. */
class LayeredMapTest {
    private static final long RUN_SEED = Long.getLong("bulwark.seed", System.nanoTime());

    @Test
    void behavesLikeAPlainMap() {
        SplittableRandom random = new SplittableRandom(RUN_SEED);
        Map<String, Integer> expected = new HashMap<>();
        for (int i = 0; i < 3_000; i++) {
            expected.put("k" + i, i);
        }
        LayeredMap<String, Integer> map = LayeredMap.of(expected);
        for (int step = 0; step < 400; step++) {
            Set<String> removed = new HashSet<>();
            Map<String, Integer> put = new HashMap<>();
            for (int i = random.nextInt(0, 30); i > 0; i--) {
                removed.add("k" + random.nextInt(4_000));
            }
            for (int i = random.nextInt(0, 30); i > 0; i--) {
                put.put("k" + random.nextInt(4_000), random.nextInt());
            }
            map = map.with(removed, put);
            removed.forEach(expected::remove);
            expected.putAll(put);
            String context = "seed " + RUN_SEED + " step " + step;
            assertThat(map.size()).as(context).isEqualTo(expected.size());
            for (int i = 0; i < 4_000; i++) {
                assertThat(map.get("k" + i)).as(context + " k" + i).isEqualTo(expected.get("k" + i));
            }
        }
        assertThat(map).isEqualTo(expected);
    }
}
