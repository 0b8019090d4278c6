package dev.tapdeck.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ResponseStreamTest {
    private static final OpaqueBytes OPAQUE = new OpaqueBytes(new SplitMix64(1));

    @Property(tries = 60)
    void gzipBodiesInflateToTheirContent(@ForAll @LongRange(max = 300_000) long content,
                                         @ForAll @IntRange(min = 1, max = 1448) int segment) throws Exception {
        ResponseStream stream = new ResponseStream(OPAQUE);
        stream.gzip(0, content, 12_345);

        byte[] body = drain(stream, segment);

        assertThat(body).hasSize((int) ResponseStream.gzipLength(content));
        byte[] inflated = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes(); // checks CRC and size
        byte[] expected = new byte[(int) content];
        OPAQUE.copy(12_345, expected, 0, expected.length);
        assertThat(inflated).isEqualTo(expected);
    }

    @Property(tries = 60)
    void tlsRecordsCarryThePlaintextInAtMost16KiBEach(@ForAll @LongRange(min = 1, max = 200_000) long plaintext,
                                                      @ForAll @IntRange(min = 1, max = 1448) int segment) {
        ResponseStream stream = new ResponseStream(OPAQUE);
        stream.records(0, plaintext, TlsMessages.TLS13_OVERHEAD, 99);

        byte[] body = drain(stream, segment);

        long carried = 0;
        int o = 0;
        while (o < body.length) {
            assertThat(body[o]).as("application_data").isEqualTo((byte) 23);
            assertThat(body[o + 1] << 8 | body[o + 2]).as("TLS 1.2 record version").isEqualTo(0x0303);
            int length = (body[o + 3] & 0xFF) << 8 | body[o + 4] & 0xFF;
            assertThat(length - TlsMessages.TLS13_OVERHEAD).isBetween(1, TlsMessages.MAX_PLAINTEXT);
            carried += length - TlsMessages.TLS13_OVERHEAD;
            o += 5 + length;
        }
        assertThat(o).isEqualTo(body.length);
        assertThat(carried).isEqualTo(plaintext);
    }

    @Test
    void theHeadComesFirstThenAPlainBody() {
        ResponseStream stream = new ResponseStream(OPAQUE);
        byte[] head = Ascii.bytes("HTTP/1.1 200 OK\r\nContent-Length: 3000\r\n\r\n");
        System.arraycopy(head, 0, stream.head(), 0, head.length);
        stream.plain(head.length, 3000, 7);

        byte[] all = drain(stream, 1448);

        assertThat(all).hasSize(head.length + 3000);
        assertThat(Arrays.copyOf(all, head.length)).isEqualTo(head);
        byte[] body = new byte[3000];
        OPAQUE.copy(7, body, 0, body.length);
        assertThat(Arrays.copyOfRange(all, head.length, all.length)).isEqualTo(body);
    }

    private static byte[] drain(ResponseStream stream, int segment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[segment];
        while (stream.remaining() > 0) {
            int n = stream.read(buffer, 0, segment);
            assertThat(n).isPositive();
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
