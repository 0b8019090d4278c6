package dev.tapdeck.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class HttpDateTest {
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    @Test
    void writesTheExampleOfRfc9110() {
        assertThat(format(784111777L)).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
    }

    @Property
    void agreesWithJavaTimeFrom1970To2100(@ForAll @LongRange(min = 0, max = 4_102_444_799L) long epochSeconds) {
        assertThat(format(epochSeconds)).isEqualTo(IMF_FIXDATE.format(Instant.ofEpochSecond(epochSeconds)));
    }

    @Test
    void handlesLeapDays() {
        long leapDay = Instant.parse("2024-02-29T23:59:59Z").getEpochSecond();
        assertThat(format(leapDay)).isEqualTo("Thu, 29 Feb 2024 23:59:59 GMT");
        assertThat(format(leapDay + 1)).isEqualTo("Fri, 01 Mar 2024 00:00:00 GMT");
    }

    private static String format(long epochSeconds) {
        byte[] out = new byte[HttpDate.LENGTH + 4];
        int end = HttpDate.put(out, 2, epochSeconds);
        assertThat(end - 2).isEqualTo(HttpDate.LENGTH);
        return new String(out, 2, HttpDate.LENGTH, StandardCharsets.US_ASCII);
    }
}
