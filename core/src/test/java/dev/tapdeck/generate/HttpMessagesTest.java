package dev.tapdeck.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class HttpMessagesTest {

    @Test
    void findsTheResourceEveryGetAsksFor() {
        SplitMix64 random = new SplitMix64(3);
        byte[] request = new byte[4096];
        for (int i = 0; i < 200; i++) {
            int resource = HttpMessages.pickResource(random);
            int length = HttpMessages.writeRequest(request, 0, random, false, resource, DomainName.of("localhost"), 9000, true);

            assertThat(HttpMessages.resourceRequested(request, length)).isEqualTo(resource);
        }
    }

    @Test
    void findsNoResourceInOtherRequests() {
        for (String other : new String[] {"GET /missing HTTP/1.1\r\n\r\n", "GET /index.html.bak HTTP/1.1\r\n\r\n",
                "POST / HTTP/1.1\r\n\r\n", "GET /", "GE", ""}) {
            byte[] request = other.getBytes(StandardCharsets.US_ASCII);

            assertThat(HttpMessages.resourceRequested(request, request.length)).as(other).isEqualTo(-1);
        }
    }

    @Test
    void hostNamesAnyPortButTheDefault() {
        byte[] request = new byte[4096];
        SplitMix64 random = new SplitMix64(1);
        DomainName host = DomainName.of("localhost");

        String onPort9000 = text(request, HttpMessages.writeRequest(request, 0, random, false, 0, host, 9000, true));
        String onPort80 = text(request, HttpMessages.writeRequest(request, 0, random, false, 0, host, 80, true));

        assertThat(onPort9000).contains("\r\nHost: localhost:9000\r\n");
        assertThat(onPort80).contains("\r\nHost: localhost\r\n");
    }

    private static String text(byte[] bytes, int length) {
        return new String(bytes, 0, length, StandardCharsets.US_ASCII);
    }
}
