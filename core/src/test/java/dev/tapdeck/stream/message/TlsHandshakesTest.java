package dev.tapdeck.stream.message;

import dev.tapdeck.decode.detail.DetailNode;
import dev.tapdeck.stream.StreamFacts;
import dev.tapdeck.stream.StreamFactsAccess;
import dev.tapdeck.stream.StreamMessage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handshake messages split over TLS records: a real server flight (ServerHello, a 3,658-byte
 * Certificate, ServerKeyExchange, ServerHelloDone) and a real ClientHello, sent again in
 * records of every size from 1 byte up, give the same messages as the original records, each
 * shown on the record that ends it, and every record its own header.
 */
class TlsHandshakesTest {
    private static final int HANDSHAKE = 22;

    /** The first {@code count} handshake messages of {@code stream}'s leading handshake records, without their record headers. */
    private static byte[] handshakeMessages(byte[] stream, int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int p = 0; p + 5 <= stream.length && (stream[p] & 0xff) == HANDSHAKE; p += 5 + u16(stream, p + 3)) {
            out.write(stream, p + 5, u16(stream, p + 3));
        }
        byte[] all = out.toByteArray();
        int end = 0;
        for (int i = 0; i < count; i++) {
            end += 4 + u24(all, end + 1);
        }
        return Arrays.copyOf(all, end);
    }

    /** {@code messages} in TLS 1.2 handshake records of at most {@code size} bytes each. */
    private static byte[] inRecords(byte[] messages, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int p = 0; p < messages.length; p += size) {
            int n = Math.min(size, messages.length - p);
            out.write(new byte[] {HANDSHAKE, 3, 3, (byte) (n >> 8), (byte) n}, 0, 5);
            out.write(messages, p, n);
        }
        return out.toByteArray();
    }

    /** Each record of {@code records} as the segment of its own frame; the messages each frame completes. */
    private static List<List<StreamMessage>> recordByRecord(boolean fromClient, byte[] records) {
        StreamMessages messages = new StreamMessages(StreamMessages.builtIn());
        messages.before(fromClient ? 40000 : 443, fromClient ? 443 : 40000, false);
        StreamFacts facts = new StreamFacts();
        List<List<StreamMessage>> byFrame = new ArrayList<>();
        for (int p = 0, frame = 1; p < records.length; p += 5 + u16(records, p + 3), frame++) {
            messages.data(true, 0, fromClient, frame, frame * 1000L, records, p, 5 + u16(records, p + 3));
            StreamFactsAccess.track(facts, 0);
            messages.after(facts);
            byFrame.add(facts.messages());
        }
        return byFrame;
    }

    private static List<String> values(List<StreamMessage> messages, String field) {
        List<String> out = new ArrayList<>();
        for (StreamMessage m : messages) {
            out.addAll(StreamMessagesTest.fields(m).getOrDefault(field, List.of()));
        }
        return out;
    }

    private static List<String> all(List<List<StreamMessage>> byFrame, String field) {
        return values(byFrame.stream().flatMap(List::stream).toList(), field);
    }

    private static void assertSameMessagesInRecordsOfEverySize(boolean fromClient, byte[] stream, List<String> types) {
        byte[] messages = handshakeMessages(stream, types.size());
        List<List<StreamMessage>> original = recordByRecord(fromClient, inRecords(messages, messages.length));
        Map<String, List<String>> whole = StreamMessagesTest.fields(original.getFirst().getFirst());
        assertThat(whole.get("tls.handshake.type")).isEqualTo(types);
        for (int size = 1; size <= messages.length; size += size < 300 ? 1 : 37) {
            List<List<StreamMessage>> byFrame = recordByRecord(fromClient, inRecords(messages, size));
            int records = (messages.length + size - 1) / size;
            assertThat(byFrame).as("frames, records of %d", size).hasSize(records);
            assertThat(all(byFrame, "tls.record.content_type")).as("records of %d", size).hasSize(records).containsOnly("22");
            assertThat(all(byFrame, "tls.record.length")).as("records of %d", size)
                    .containsOnly(String.valueOf(size), String.valueOf(messages.length - (records - 1) * size));
            for (String field : List.of("tls.handshake.type", "tls.handshake.length", "tls.handshake.ciphersuite",
                    "tls.handshake.extensions_server_name", "tls.handshake.extensions_alpn_str", "tls.handshake.ja3", "tls.handshake.ja3s")) {
                assertThat(all(byFrame, field)).as("%s, records of %d", field, size).isEqualTo(whole.getOrDefault(field, List.of()));
            }
            // Each message on the frame of the record that brings its last byte.
            int end = 0;
            for (String type : types) {
                end += 4 + u24(messages, end + 1);
                int frame = (end + size - 1) / size - 1;
                assertThat(values(byFrame.get(frame), "tls.handshake.type")).as("records of %d", size).contains(type);
            }
        }
    }

    @Test
    void serverFlightWithACertificateOverManyRecords() throws IOException {
        assertSameMessagesInRecordsOfEverySize(false, CorpusPayloads.of("pcpp-tls.pcap", 55305, 443).server(), List.of("2", "11", "12", "14"));
    }

    @Test
    void clientHelloOverManyRecords() throws IOException {
        assertSameMessagesInRecordsOfEverySize(true, CorpusPayloads.of("pcpp-tls.pcap", 55305, 443).client(), List.of("1"));
    }

    @Test
    void eachRecordShowsItsPartOfTheMessagesAsWiresharksTreeDoes() throws IOException {
        byte[] messages = handshakeMessages(CorpusPayloads.of("pcpp-tls.pcap", 55305, 443).server(), 4);
        List<List<StreamMessage>> byFrame = recordByRecord(false, inRecords(messages, 1024));
        List<String> lines = new ArrayList<>();
        for (List<StreamMessage> frame : byFrame) {
            DetailNode record = frame.getFirst().layers().getFirst().children().getFirst();
            lines.add(record.label() + " = " + record.children().stream()
                    .filter(node -> node.name().equals("tls.handshake")).map(DetailNode::label).toList());
        }
        // ServerHello 80 bytes, Certificate 3,662, ServerKeyExchange 148, ServerHelloDone 4: 3,894 in four records.
        assertThat(lines).containsExactly(
                "TLS 1.2 Record Layer: Handshake Protocol: Server Hello = [Handshake Protocol: Server Hello, Handshake Protocol: Certificate (fragment)]",
                "TLS 1.2 Record Layer: Handshake Protocol: Certificate (fragment) = [Handshake Protocol: Certificate (fragment)]",
                "TLS 1.2 Record Layer: Handshake Protocol: Certificate (fragment) = [Handshake Protocol: Certificate (fragment)]",
                "TLS 1.2 Record Layer: Handshake Protocol: Certificate = [Handshake Protocol: Certificate (last fragment), Handshake Protocol: Certificate,"
                        + " Handshake Protocol: Server Key Exchange, Handshake Protocol: Server Hello Done]");
        assertThat(StreamMessagesTest.fields(byFrame.getLast().getFirst()).get("tls.record.length")).containsExactly("822");
    }

    @Test
    void aMessageTooLongToHoldIsPassedOverAndCountedAndTheNextOneStillShows() throws IOException {
        byte[] done = {14, 0, 0, 0};
        int length = TlsHandshakes.MAX_HELD + 100;
        byte[] messages = new byte[4 + length + done.length];
        messages[0] = 11;
        messages[1] = (byte) (length >> 16);
        messages[2] = (byte) (length >> 8);
        messages[3] = (byte) length;
        System.arraycopy(done, 0, messages, 4 + length, done.length);
        byte[] records = inRecords(messages, 16384);
        StreamMessages decoder = new StreamMessages(StreamMessages.builtIn());
        decoder.before(443, 40000, false);
        decoder.data(true, 0, false, 1, 1000, records, 0, records.length);
        StreamFacts facts = new StreamFacts();
        StreamFactsAccess.track(facts, 0);
        decoder.after(facts);
        assertThat(values(facts.messages(), "tls.record.content_type")).hasSize(5);
        assertThat(values(facts.messages(), "tls.handshake.type")).containsExactly("14");
        decoder.end(true, 0, false, 2);
        decoder.end(true, 0, true, 2);
        assertThat(decoder.overflowedBytes()).isEqualTo(4L + length);
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    private static int u24(byte[] b, int at) {
        return (b[at] & 0xff) << 16 | u16(b, at + 1);
    }
}
