package dev.tapdeck.stream;

import dev.tapdeck.decode.PacketDecoder;
import dev.tapdeck.file.CaptureFiles;
import dev.tapdeck.file.CaptureReader;
import dev.tapdeck.file.CorpusTest;
import dev.tapdeck.file.PacketRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tcp.stream} and {@code udp.stream} of every packet of every corpus capture, as
 * tshark 4.0.17 numbers them: recorded by {@code make-numbering.sh} beside the expectations.
 */
class StreamNumberingTest {
    static List<String> captures() throws IOException {
        try (Stream<Path> files = Files.list(CorpusTest.corpus())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".expected.jsonl"))
                    .map(name -> name.substring(0, name.length() - ".expected.jsonl".length()))
                    .sorted()
                    .toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void everyPacketHasTsharksStreamIndexes(String capture) throws IOException {
        numbersAsTshark(capture, new PacketDecoder());
    }

    /** The packets decoded only as far as the tracker reads them, as a reading thread does while workers decode them in full. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void decodingThroughTransportOnlyNumbersTheSame(String capture) throws IOException {
        numbersAsTshark(capture, PacketDecoder.throughTransport());
    }

    private static void numbersAsTshark(String capture, PacketDecoder decoder) throws IOException {
        List<String> expected = expected(capture);
        List<String> actual = new ArrayList<>();
        StreamTracker tracker = new StreamTracker();
        StreamFacts facts = new StreamFacts();
        try (CaptureReader reader = CaptureFiles.open(CorpusTest.corpus().resolve(capture))) {
            PacketRecord packet = new PacketRecord();
            while (reader.next(packet)) {
                tracker.offer(decoder.decode(packet), actual.size() + 1, packet.epochNanos(), facts);
                actual.add(index(facts.tcpStream()) + "\t" + index(facts.udpStream()));
            }
        } catch (IOException e) {
            // a damaged capture: tshark numbered the packets before the damage, as we did
        }
        tracker.finish();
        assertThat(actual).as("tcp.stream and udp.stream of each packet of %s", capture).containsExactlyElementsOf(expected);
    }

    private static String index(int stream) {
        return stream == StreamFacts.NONE ? "" : Integer.toString(stream);
    }

    private static List<String> expected(String capture) throws IOException {
        try (InputStream in = StreamNumberingTest.class.getResourceAsStream("numbering/" + capture + ".tsv")) {
            assertThat(in).as("numbering/%s.tsv (make-numbering.sh makes it)", capture).isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.isEmpty() ? List.of() : text.lines().toList();
        }
    }
}
