package dev.tapdeck.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tapdeck.decode.PacketDecoder;
import dev.tapdeck.file.CaptureFiles;
import dev.tapdeck.file.CaptureReader;
import dev.tapdeck.file.PacketRecord;
import dev.tapdeck.stream.StreamFacts;
import dev.tapdeck.stream.StreamTracker;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static dev.tapdeck.serve.RunningServer.JSON;
import static org.assertj.core.api.Assertions.assertThat;

/** The stream store fed as the tracker feeds it, through its {@link dev.tapdeck.stream.StreamListener} side. */
class StreamStoreTest {
    private static final long T0 = 1_700_000_000_000_000_000L;

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static void send(StreamStore store, int stream, boolean fromClient, long frame, String text) {
        byte[] bytes = ascii("##" + text + "##"); // the listener is given a slice of a larger buffer
        store.data(true, stream, fromClient, frame, T0 + frame * 1_000_000L, bytes, 2, text.length());
    }

    private static JsonNode json(StreamStore store, int stream, long after, int limit) throws Exception {
        String json = store.json(true, stream, after, limit);
        assertThat(json).as("stream %d", stream).isNotNull();
        return JSON.readTree(json);
    }

    @Test
    void segmentsKeepTheirDirectionOffsetFrameAndTimeAndThePayloadIsEachSidesBytesInOrder() throws Exception {
        StreamStore store = new StreamStore(1 << 20, 16);
        send(store, 0, true, 4, "GET / HTTP/1.1\r\n\r\n");
        send(store, 0, false, 6, "HTTP/1.1 200 OK\r\n");
        store.packetStarts(T0 + 7_000_000L);
        store.gap(true, 0, false, 7, 100);
        send(store, 0, false, 8, "body");
        store.end(true, 0, true, 9);
        store.end(true, 0, true, 10); // a retransmitted FIN ends nothing more

        JsonNode stream = json(store, 0, 0, 1000);
        assertThat(stream.get("proto").asText()).isEqualTo("tcp");
        assertThat(stream.get("segmentCount").asInt()).isEqualTo(5);
        JsonNode segments = stream.get("segments");
        assertThat(segments).hasSize(5);
        assertThat(store.json(true, 0, 0, 1)).contains(
                "\"segments\":[{\"n\":1,\"direction\":\"client\",\"kind\":\"data\",\"offset\":0,\"length\":18,\"frame\":4,\"time\":1700000000.004000000}]");
        assertThat(segments.get(1).get("direction").asText()).isEqualTo("server");
        assertThat(segments.get(1).get("offset").asLong()).isZero();
        assertThat(segments.get(2).get("kind").asText()).isEqualTo("gap");
        assertThat(segments.get(2).get("offset").asLong()).isEqualTo(17);
        assertThat(segments.get(2).get("length").asLong()).isEqualTo(100);
        assertThat(segments.get(2).get("time").decimalValue()).isEqualByComparingTo("1700000000.007");
        assertThat(segments.get(3).get("offset").asLong()).isEqualTo(117);
        assertThat(segments.get(4).get("kind").asText()).isEqualTo("end");
        assertThat(segments.get(4).get("offset").asLong()).isEqualTo(18);
        assertThat(stream.get("client").get("payload").asLong()).isEqualTo(18);
        assertThat(stream.get("client").get("end").asLong()).isEqualTo(9);
        assertThat(stream.get("server").get("payload").asLong()).isEqualTo(21);
        assertThat(stream.get("server").get("missing").asLong()).isEqualTo(100);
        assertThat(stream.get("server").get("end").isNull()).isTrue();

        assertThat(new String(store.payload(true, 0, StreamStore.Direction.CLIENT).bytes(), StandardCharsets.US_ASCII))
                .isEqualTo("GET / HTTP/1.1\r\n\r\n");
        assertThat(new String(store.payload(true, 0, StreamStore.Direction.SERVER).bytes(), StandardCharsets.US_ASCII))
                .isEqualTo("HTTP/1.1 200 OK\r\nbody");
        assertThat(new String(store.payload(true, 0, StreamStore.Direction.BOTH).bytes(), StandardCharsets.US_ASCII))
                .isEqualTo("GET / HTTP/1.1\r\n\r\nHTTP/1.1 200 OK\r\nbody");
        assertThat(store.payload(false, 0, StreamStore.Direction.BOTH)).as("UDP stream 0").isNull();
    }

    @Test
    void segmentsArePagedBySegmentNumber() throws Exception {
        StreamStore store = new StreamStore(1 << 20, 16);
        for (int i = 0; i < 10; i++) {
            send(store, 3, i % 2 == 0, i + 1, "segment " + i);
        }
        JsonNode page = json(store, 3, 4, 3);
        assertThat(page.get("from").asInt()).isEqualTo(5);
        assertThat(page.get("to").asInt()).isEqualTo(7);
        assertThat(page.get("segments")).extracting(s -> s.get("n").asInt()).containsExactly(5, 6, 7);
        JsonNode last = json(store, 3, 8, 100);
        assertThat(last.get("segments")).extracting(s -> s.get("frame").asInt()).containsExactly(9, 10);
        JsonNode beyond = json(store, 3, 10, 100);
        assertThat(beyond.get("segments")).isEmpty();
        assertThat(beyond.get("from").asInt()).isGreaterThan(beyond.get("to").asInt());
    }

    @Test
    void whenFullTheOldestStreamsBytesGoFirstAndAStreamThatCannotFitIsTruncated() throws Exception {
        // Each stream below takes 1,024 bytes of room for its bytes and 16 segment records.
        long oneStream = 1024 + 16 * StreamStore.SEGMENT_BYTES;
        StreamStore store = new StreamStore(3 * oneStream - 1, 16);
        String kilobyte = "x".repeat(1000);
        send(store, 0, true, 1, kilobyte);
        send(store, 1, true, 2, kilobyte);
        assertThat(store.stats().get("emptiedStreams")).isEqualTo(0L);
        send(store, 2, false, 3, kilobyte);

        assertThat(store.stats()).containsEntry("emptiedStreams", 1L).containsEntry("droppedBytes", 1000L)
                .containsEntry("memoryBytes", 2 * oneStream);
        JsonNode emptied = json(store, 0, 0, 10);
        assertThat(emptied.get("emptied").asBoolean()).isTrue();
        assertThat(emptied.get("segments")).isEmpty();
        assertThat(emptied.get("client").get("payload").asLong()).as("counts stay").isEqualTo(1000);
        assertThat(store.payload(true, 0, StreamStore.Direction.BOTH).emptied()).isTrue();
        assertThat(store.payload(true, 1, StreamStore.Direction.CLIENT).bytes()).hasSize(1000);
        assertThat(store.payload(true, 2, StreamStore.Direction.SERVER).bytes()).hasSize(1000);

        // Larger than the whole store: the others are emptied trying, then it keeps nothing.
        send(store, 3, true, 4, "y".repeat((int) (3 * oneStream)));
        JsonNode huge = json(store, 3, 0, 10);
        assertThat(huge.get("truncated").asBoolean()).isTrue();
        assertThat(huge.get("client").get("payload").asLong()).isEqualTo(3 * oneStream);
        assertThat(huge.get("client").get("kept").asLong()).isZero();
        assertThat(store.stats()).containsEntry("truncatedStreams", 1L);
        assertThat((long) store.stats().get("memoryBytes")).isLessThanOrEqualTo(3 * oneStream - 1);
    }

    @Test
    void atMostMaxStreamsOfEachProtocolAreRememberedTheOldestForgotten() throws Exception {
        StreamStore store = new StreamStore(1 << 20, 2);
        send(store, 0, true, 1, "a");
        send(store, 1, true, 2, "b");
        send(store, 2, true, 3, "c");
        assertThat(store.json(true, 0, 0, 10)).isNull();
        assertThat(store.progress(true, 0)).isEqualTo(-1);
        assertThat(json(store, 2, 0, 10).get("segmentCount").asInt()).isEqualTo(1);
        assertThat(store.stats()).containsEntry("forgottenStreams", 1L);
        send(store, 0, true, 4, "late data of a forgotten stream");
        assertThat(store.json(true, 0, 0, 10)).isNull();

        store.clear();
        assertThat(store.json(true, 2, 0, 10)).isNull();
        assertThat(store.stats()).containsEntry("memoryBytes", 0L).containsEntry("forgottenStreams", 0L);
    }

    @Test
    void aStreamsFirstPacketNamesItsClientAndServerAndEveryPacketIsCounted() throws Exception {
        StreamStore store = new StreamStore(1 << 20, 16);
        StreamTracker tracker = new StreamTracker();
        StreamFacts facts = new StreamFacts();
        PacketDecoder decoder = new PacketDecoder();
        long wireBytes = 0;
        try (CaptureReader reader = CaptureFiles.open(Path.of("../../shared/corpus/dpkt-http.pcap"))) {
            PacketRecord packet = new PacketRecord();
            for (long frame = 1; reader.next(packet); frame++) {
                long time = packet.epochSeconds() * 1_000_000_000L + packet.nanos();
                store.packetStarts(time);
                tracker.offer(decoder.decode(packet), frame, time, facts);
                store.packetTracked(frame, decoder.decode(packet), facts, packet.originalLength());
                if (facts.tcpStream() == 0) {
                    wireBytes += packet.originalLength();
                }
            }
        }
        JsonNode stream = json(store, 0, 0, 10);
        assertThat(stream.get("client").get("address").asText()).isEqualTo("145.254.160.237");
        assertThat(stream.get("client").get("port").asInt()).isEqualTo(3372);
        assertThat(stream.get("server").get("address").asText()).isEqualTo("65.208.228.223");
        assertThat(stream.get("server").get("port").asInt()).isEqualTo(80);
        assertThat(stream.get("firstFrame").asLong()).isEqualTo(1);
        assertThat(stream.get("client").get("packets").asLong() + stream.get("server").get("packets").asLong()).isEqualTo(34);
        assertThat(stream.get("client").get("bytes").asLong() + stream.get("server").get("bytes").asLong()).isEqualTo(wireBytes);
        JsonNode dns = JSON.readTree(store.json(false, 0, 0, 10));
        assertThat(dns.get("server").get("port").asInt()).isEqualTo(53);
    }
}
