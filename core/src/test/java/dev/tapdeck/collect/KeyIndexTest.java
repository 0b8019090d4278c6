package dev.tapdeck.collect;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link KeyIndex} against a {@link HashMap} doing the same adds, finds and removes: keys
 * drawn from a small space, so that probe runs collide, the table grows and removal shifts
 * runs back.
 */
class KeyIndexTest {

    @Property(tries = 50)
    void findsWhatAMapFinds(@ForAll @IntRange(min = 1, max = 5) int keyLongs, @ForAll long seed) {
        Random random = new Random(seed);
        KeyIndex index = new KeyIndex(keyLongs, 1_500);
        Map<List<Long>, Integer> model = new HashMap<>();
        for (int step = 0; step < 6_000; step++) {
            long[] key = new long[5];
            for (int i = 0; i < keyLongs; i++) {
                key[i] = random.nextInt(i == 0 ? 2_000 : 2); // mostly the first long tells keys apart
            }
            List<Long> name = List.of(key[0], key[1], key[2], key[3], key[4]);
            int found = index.find(key[0], key[1], key[2], key[3], key[4]);
            assertThat(found).isEqualTo(model.getOrDefault(name, -1));
            if (found < 0) {
                int added = index.add(key[0], key[1], key[2], key[3], key[4]);
                assertThat(model.size() < 1_500 ? added : -1).isEqualTo(added);
                if (added >= 0) {
                    assertThat(model.containsValue(added)).isFalse();
                    model.put(name, added);
                }
            } else if (random.nextInt(3) == 0) {
                index.remove(found);
                model.remove(name);
            }
            assertThat(index.size()).isEqualTo(model.size());
        }
        for (Map.Entry<List<Long>, Integer> kept : model.entrySet()) {
            int entry = kept.getValue();
            assertThat(index.inUse(entry)).isTrue();
            for (int i = 0; i < keyLongs; i++) {
                assertThat(index.key(entry, i)).isEqualTo(kept.getKey().get(i));
            }
        }
    }

    @Test
    void refusesPastItsMaximumAndForgetsEverythingOnClear() {
        KeyIndex index = new KeyIndex(2, 3);
        List<Integer> entries = new ArrayList<>();
        for (long k = 1; k <= 3; k++) {
            entries.add(index.add(k, -k, 0, 0, 0));
        }
        assertThat(entries).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(index.add(4, -4, 0, 0, 0)).isEqualTo(-1);
        assertThat(index.find(2, -2, 0, 0, 0)).isEqualTo(entries.get(1));
        index.clear();
        assertThat(index.size()).isZero();
        assertThat(index.find(2, -2, 0, 0, 0)).isEqualTo(-1);
        assertThat(index.add(4, -4, 0, 0, 0)).isEqualTo(0);
    }
}
