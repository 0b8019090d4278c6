package dev.tapdeck.generate;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class InternetChecksumTest {

    @Test
    void matchesTheWorkedExampleOfRfc1071() {
        // RFC 1071 §3: these bytes sum to 0xddf2, so the checksum is its complement.
        byte[] bytes = {0x00, 0x01, (byte) 0xf2, 0x03, (byte) 0xf4, (byte) 0xf5, (byte) 0xf6, (byte) 0xf7};

        assertThat(InternetChecksum.finish(InternetChecksum.add(0, bytes, 0, bytes.length))).isEqualTo(~0xddf2 & 0xFFFF);
    }

    @Property
    void equalsTheWordByWordSumForAnyDataAndSplit(@ForAll @Size(max = 3000) byte[] data, @ForAll @IntRange(max = 1500) int split) {
        int first = Math.min(split & ~1, data.length); // only the last range may be odd
        long chained = InternetChecksum.add(InternetChecksum.add(0, data, 0, first), data, first, data.length - first);

        assertThat(InternetChecksum.finish(chained)).isEqualTo(wordByWord(data));
    }

    @Property
    void aFilledInChecksumMakesTheDataSumToAllOnes(@ForAll @Size(min = 4, max = 1600) byte[] data) {
        data[2] = 0;
        data[3] = 0;
        int checksum = InternetChecksum.finish(InternetChecksum.add(0, data, 0, data.length));
        data[2] = (byte) (checksum >>> 8);
        data[3] = (byte) checksum;

        assertThat(InternetChecksum.finish(InternetChecksum.add(0, data, 0, data.length))).isZero();
    }

    private static int wordByWord(byte[] data) {
        long sum = 0;
        for (int i = 0; i < data.length; i += 2) {
            int high = data[i] & 0xFF;
            int low = i + 1 < data.length ? data[i + 1] & 0xFF : 0;
            sum += high << 8 | low;
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) ~sum & 0xFFFF;
    }
}
