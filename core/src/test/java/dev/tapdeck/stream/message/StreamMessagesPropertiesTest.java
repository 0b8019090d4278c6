package dev.tapdeck.stream.message;

import dev.tapdeck.decode.detail.DetailNode;
import dev.tapdeck.file.QuietPropertyReports;
import dev.tapdeck.stream.StreamFacts;
import dev.tapdeck.stream.StreamFactsAccess;
import dev.tapdeck.stream.StreamMessage;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AddLifecycleHook;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any bytes, on any of the decoders' ports, cut anywhere, with gaps (a TLS handshake message
 * split over records among them, and bytes after both sides ended): decoding never throws,
 * every message's fields can be built, and a message is tied to a frame that was delivered.
 */
@AddLifecycleHook(QuietPropertyReports.class)
class StreamMessagesPropertiesTest {
    @Provide
    Arbitrary<Integer> ports() {
        return Arbitraries.of(80, 443, 53, 6379, 9999);
    }

    /** Bytes that begin like each protocol now and then, so the decoders get past their first checks. */
    @Provide
    Arbitrary<byte[]> streams() {
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
        Arbitrary<byte[]> prefixed = Arbitraries.of(
                        "GET / HTTP/1.1\r\nContent-Length: 5\r\n\r\n", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n",
                        "\u0016\u0003\u0001\u0000\u0030\u0001\u0000\u0000\u002c\u0003\u0003", "\u0000\u0020\u1234\u0100\u0000\u0001",
                        // A Certificate begun in one record and going on in the next, whose rest the noise brings.
                        "\u0016\u0003\u0003\u0000\u0006\u000b\u0000\u0000\u000c\u0000\u0000\u0016\u0003\u0003\u0000\u0010",
                        "*2\r\n$3\r\nGET\r\n$1\r\n", "+OK\r\n:12\r\n$-1\r\n*-1\r\n%1\r\n")
                .map(s -> s.getBytes(StandardCharsets.ISO_8859_1))
                .flatMap(head -> noise.map(tail -> {
                    byte[] all = new byte[head.length + tail.length];
                    System.arraycopy(head, 0, all, 0, head.length);
                    System.arraycopy(tail, 0, all, head.length, tail.length);
                    return all;
                }));
        return Arbitraries.oneOf(noise, prefixed);
    }

    @Property(tries = 400)
    void anyBytesDecodeWithoutThrowing(@ForAll("ports") int port, @ForAll("streams") byte[] client, @ForAll("streams") byte[] server,
                                       @ForAll @Size(max = 6) List<@IntRange(min = 0, max = 700) Integer> cuts,
                                       @ForAll @IntRange(min = 0, max = 3) int gapAt) {
        StreamMessages messages = new StreamMessages(StreamMessages.builtIn());
        messages.before(40000, port, false);
        StreamFacts facts = new StreamFacts();
        List<StreamMessage> all = new ArrayList<>();
        long frame = 0;
        int[] positions = {0, 0};
        for (int step = 0; step <= cuts.size(); step++) {
            for (int side = 0; side < 2; side++) {
                byte[] bytes = side == 0 ? client : server;
                int to = step < cuts.size() ? Math.min(bytes.length, Math.max(positions[side], cuts.get(step))) : bytes.length;
                frame++;
                if (step == gapAt) {
                    messages.gap(true, 0, side == 0, frame, 7);
                }
                messages.data(true, 0, side == 0, frame, frame * 1000, bytes, positions[side], to - positions[side]);
                positions[side] = to;
                StreamFactsAccess.track(facts, 0);
                messages.after(facts);
                for (StreamMessage m : facts.messages()) {
                    assertThat(m.frame()).isEqualTo(frame);
                }
                all.addAll(facts.messages());
            }
        }
        messages.end(true, 0, true, frame + 1);
        messages.end(true, 0, false, frame + 1);
        // Bytes after both ends (after a RST) start afresh.
        messages.data(true, 0, true, frame + 2, 0, client, 0, client.length);
        StreamFactsAccess.track(facts, 0);
        messages.after(facts);
        for (StreamMessage m : facts.messages()) {
            assertThat(m.frame()).isEqualTo(frame + 2);
        }
        all.addAll(facts.messages());
        for (StreamMessage m : all) {
            for (DetailNode layer : m.layers()) {
                assertThat(layer.name()).isNotEmpty();
            }
        }
    }
}
