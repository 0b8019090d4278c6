package dev.tapdeck.decode.field;

import dev.tapdeck.analysis.process.ProcessComment;
import dev.tapdeck.analysis.process.ProcessInfo;
import dev.tapdeck.decode.LinkTypes;
import dev.tapdeck.decode.detail.DetailNode;
import dev.tapdeck.decode.detail.PacketDetails;
import dev.tapdeck.file.CaptureFiles;
import dev.tapdeck.file.CaptureReader;
import dev.tapdeck.file.PacketRecord;
import dev.tapdeck.file.PcapngWriter;
import dev.tapdeck.filter.DisplayFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.tapdeck.decode.TestPackets.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code proc.*} and {@code frame.comment}: a recording whose packets carry Tapdeck's comment
 * reads back with each packet's program; a packet without one has no process field.
 *
 * <p>tshark 4.0.17 reads a file written as {@link #aRecordedCommentGivesThePacketItsProgram}
 * writes it ({@code tshark -r F -T fields -e frame.comment}) as "curl (pid 4242)", then an
 * empty line for the packet without a comment, then "note": CI has no tshark.
 */
class ProcessFieldsTest {
    @TempDir
    Path folder;

    private static PacketRecord udp(int sourcePort, long seconds) {
        byte[] frame = ethernet(ETHERTYPE_IPV4, ipv4("127.0.0.1", "127.0.0.1", PROTO_UDP)
                .wrap(dev.tapdeck.decode.TestPackets.udp(sourcePort, 8080, new byte[4])));
        return new PacketRecord().set(MemorySegment.ofArray(frame), 0, frame.length, frame.length, LinkTypes.ETHERNET)
                .timestamp(seconds, 0, PacketRecord.NANOSECOND_DIGITS);
    }

    private record Read(String comment, List<String> names, List<String> pids, boolean curl, List<String> layers) { }

    private static List<Read> readBack(Path file) throws Exception {
        DisplayFilter curl = DisplayFilter.compile("proc.name == \"curl\" && proc.pid == 4242");
        List<Read> read = new ArrayList<>();
        try (CaptureReader reader = CaptureFiles.open(file)) {
            PacketRecord record = new PacketRecord();
            PacketFields fields = new PacketFields();
            FieldValues values = new FieldValues();
            long number = 0;
            while (reader.next(record)) {
                fields.wrap(++number, record, 0);
                fields.collect(FrameFields.COMMENT, values);
                String comment = values.isEmpty() ? null : values.text(0);
                List<String> names = texts(fields, ProcessFields.NAME, values);
                List<String> pids = new ArrayList<>();
                fields.collect(ProcessFields.PID, values);
                for (int i = 0; i < values.count(); i++) {
                    pids.add(Long.toString(values.number(i)));
                }
                List<String> layers = PacketDetails.describe(number, record, null, fields.process()).stream()
                        .map(DetailNode::label).toList();
                read.add(new Read(comment, names, pids, curl.matches(fields), layers.subList(0, Math.min(2, layers.size()))));
            }
        }
        return read;
    }

    private static List<String> texts(PacketFields fields, FieldDef field, FieldValues values) {
        fields.collect(field, values);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < values.count(); i++) {
            texts.add(values.text(i));
        }
        return texts;
    }

    @Test
    void aRecordedCommentGivesThePacketItsProgram() throws Exception {
        Path file = folder.resolve("curl.pcapng");
        ProcessInfo curl = new ProcessInfo(4242, "curl", "curl -s http://127.0.0.1:8080/", "root", null);
        try (PcapngWriter writer = new PcapngWriter(Files.newOutputStream(file))) {
            writer.write(udp(40000, 1), ProcessComment.format(curl));
            writer.write(udp(40001, 2));
            writer.write(udp(40002, 3), "note");
        }

        List<Read> read = readBack(file);

        assertThat(read).extracting(Read::comment).containsExactly("curl (pid 4242)", null, "note");
        assertThat(read).extracting(Read::names).containsExactly(List.of("curl"), List.of(), List.of());
        assertThat(read).extracting(Read::pids).containsExactly(List.of("4242"), List.of(), List.of());
        assertThat(read).extracting(Read::curl).containsExactly(true, false, false);
        assertThat(read.get(0).layers()).containsExactly("Packet comments", "Process: curl (pid 4242)");
        assertThat(read.get(1).layers().getFirst()).startsWith("Frame 2:");
        assertThat(read.get(2).layers()).containsExactly("Packet comments", "Frame 3: 46 bytes on wire (368 bits), 46 bytes captured (368 bits)");
    }

    @Test
    void aProgramGivenToThePacketHasEveryFieldTheOsGaveAndNoEmptyOnes() throws Exception {
        PacketRecord record = udp(5353, 1);
        PacketFields fields = new PacketFields().wrap(1, record, 0);
        fields.process(new ProcessInfo(17, "python3", "python3 -m http.server", "alice", "0123abcd"));
        FieldValues values = new FieldValues();
        assertThat(texts(fields, ProcessFields.CMDLINE, values)).containsExactly("python3 -m http.server");
        assertThat(texts(fields, ProcessFields.USER, values)).containsExactly("alice");
        assertThat(texts(fields, ProcessFields.CONTAINER, values)).containsExactly("0123abcd");
        assertThat(DisplayFilter.compile("proc").matches(fields)).isTrue();

        fields.process(new ProcessInfo(18, "svchost.exe", "", "", null));
        assertThat(texts(fields, ProcessFields.CMDLINE, values)).isEmpty();
        assertThat(texts(fields, ProcessFields.CONTAINER, values)).isEmpty();
        assertThat(DisplayFilter.compile("proc.user").matches(fields)).isFalse();

        fields.wrap(2, record, 0);
        assertThat(fields.process()).isNull();
        assertThat(DisplayFilter.compile("proc").matches(fields)).isFalse();
    }
}
