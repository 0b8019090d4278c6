package dev.tapdeck.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares what a reader delivers for a capture with tshark's decode of it
 * ({@code FILE.expected.jsonl}, and {@code FILE.expected.stderr} where tshark stopped with an
 * error), as made by {@code shared/tools/oracle.sh}.
 */
final class TsharkExpectations {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Wireshark's WTAP_ENCAP_ number for the LINKTYPE_ values in the corpus (wiretap's
     * pcap-common.c table), which the oracle reports as frame.encap_type.
     */
    private static final Map<Integer, Integer> WTAP_ENCAP_BY_LINKTYPE = Map.of(
            0, 15,     // NULL
            1, 1,      // ETHERNET
            12, 7,     // RAW (OpenBSD's DLT value)
            101, 7,    // RAW
            113, 25,   // LINUX_SLL
            276, 210,  // LINUX_SLL2
            228, 129,  // IPV4
            229, 130); // IPV6

    private TsharkExpectations() {
    }

    static Path expectedJsonl(Path capture) {
        return capture.resolveSibling(capture.getFileName() + ".expected.jsonl");
    }

    static void assertReaderMatches(Path capture) throws IOException {
        List<JsonNode> expected = new ArrayList<>();
        for (String line : Files.readAllLines(expectedJsonl(capture))) {
            if (!line.isBlank()) {
                expected.add(JSON.readTree(line));
            }
        }
        Path stderr = capture.resolveSibling(capture.getFileName() + ".expected.stderr");
        String tsharkError = Files.exists(stderr) ? Files.readString(stderr) : null;

        List<String> mismatches = new ArrayList<>();
        int delivered = 0;
        IOException failure = null;
        try (CaptureReader reader = CaptureFiles.open(capture)) {
            PacketRecord record = new PacketRecord();
            while (reader.next(record)) {
                delivered++;
                if (delivered <= expected.size()) {
                    compare(record, expected.get(delivered - 1), mismatches);
                }
            }
        } catch (IOException e) {
            failure = e;
        }

        assertThat(mismatches).as("packets that differ from tshark in %s", capture.getFileName()).isEmpty();
        assertThat(delivered).as("packets delivered from %s", capture.getFileName()).isEqualTo(expected.size());
        if (tsharkError == null) {
            assertThat(failure).as("error reading %s, which tshark reads without one", capture.getFileName()).isNull();
        } else {
            assertThat(failure).as("tshark stops on %s with %s", capture.getFileName(), tsharkError)
                    .isInstanceOf(CaptureFileException.class);
            if (tsharkError.contains("cut short in the middle of a packet")) {
                assertThat(failure).hasMessageStartingWith("file cut short in the middle of");
            } else if (tsharkError.contains("unknown SHB version")) {
                assertThat(failure).hasMessageStartingWith("unsupported pcapng section version");
            }
        }
    }

    private static void compare(PacketRecord record, JsonNode frame, List<String> mismatches) {
        long number = frame.get("frame.number").asLong();
        expectEqual(mismatches, number, "record number", String.valueOf(record.recordNumber()), String.valueOf(number));
        expectEqual(mismatches, number, "frame.len", String.valueOf(record.originalLength()), frame.get("frame.len").asText());
        expectEqual(mismatches, number, "frame.cap_len", String.valueOf(record.capturedLength()), frame.get("frame.cap_len").asText());
        JsonNode time = frame.get("frame.time_epoch");
        expectEqual(mismatches, number, "frame.time_epoch",
                record.hasTimestamp() ? epochText(record) : null, time == null ? null : time.asText());
        Integer encap = WTAP_ENCAP_BY_LINKTYPE.get(record.linkType());
        if (frame.has("frame.encap_type")) {
            expectEqual(mismatches, number, "frame.encap_type of link type " + record.linkType(),
                    String.valueOf(encap), frame.get("frame.encap_type").asText());
        }
    }

    private static void expectEqual(List<String> mismatches, long number, String field, String actual, String expected) {
        if (!Objects.equals(actual, expected)) {
            mismatches.add("frame " + number + " " + field + ": read " + actual + ", tshark " + expected);
        }
    }

    /** Seconds, then as many decimals as the record's precision, cut (not rounded) as tshark cuts them. */
    static String epochText(PacketRecord record) {
        int digits = record.timestampDigits();
        if (digits == 0) {
            return Long.toString(record.epochSeconds());
        }
        long fraction = record.nanos() / (long) Math.pow(10, 9 - digits);
        return record.epochSeconds() + "." + String.format("%0" + digits + "d", fraction);
    }
}
