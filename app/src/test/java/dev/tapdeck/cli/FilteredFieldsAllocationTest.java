package dev.tapdeck.cli;

import dev.tapdeck.decode.field.FieldRegistry;
import dev.tapdeck.decode.field.PacketFields;
import dev.tapdeck.file.CaptureFiles;
import dev.tapdeck.file.CaptureReader;
import dev.tapdeck.file.PacketRecord;
import dev.tapdeck.filter.DisplayFilter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a decode worker does per packet for {@code read -Y FILTER -T fields -e ...}: decode into
 * its {@link PacketFields}, filter, print the columns of the packets that pass. Over fields
 * with flyweight readers that allocates nothing in the steady state (STYLE.md), measured with
 * the thread's allocation counter over the packets of two real captures; the bound leaves room
 * for the counter's own noise, not for a byte per packet.
 */
class FilteredFieldsAllocationTest {
    private static final int WARM_UP_ROUNDS = 500;
    private static final int MEASURED_ROUNDS = 2_000;
    private static final long BOUND = 64 * 1024;
    private static final List<String> COLUMNS = List.of("frame.number", "frame.time_relative", "ip.src", "ip.dst", "ip.id",
            "tcp.srcport", "tcp.flags", "tcp.flags.syn", "tcp.len", "eth.src", "frame.len");

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void filteringAndPrintingHotFieldsAllocatesNothing() throws Exception {
        assertThat(COLUMNS).allSatisfy(name -> assertThat(FieldRegistry.require(name).isHot()).as(name + " has a flyweight reader").isTrue());
        List<PacketRecord> both = new ArrayList<>(read("dpkt-http.pcap"));
        both.addAll(read("pcpp-tls.pcap"));
        PacketRecord[] packets = both.toArray(new PacketRecord[0]);
        FieldColumns columns = FieldColumns.parse(COLUMNS, List.of("occurrence=a", "quote=d"));
        PacketPrinter printer = PacketPrinter.filtered(DisplayFilter.compile("tcp.port in {80, 443} && ip.len > 100"), columns.printer());
        PacketFields fields = new PacketFields();
        LineOutput lines = LineOutput.inMemory();
        long reference = packets[0].epochSeconds() * 1_000_000_000L + packets[0].nanos();
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            printAll(printer, fields, packets, reference, lines);
        }
        long printed = 0;
        long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < MEASURED_ROUNDS; i++) {
            printed += printAll(printer, fields, packets, reference, lines);
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;

        assertThat(printed).as("bytes printed").isPositive();
        assertThat(allocated).as("bytes allocated filtering and printing %,d packets", (long) MEASURED_ROUNDS * packets.length)
                .isLessThan(BOUND);
    }

    /** Prints every packet that passes, then forgets the lines; returns how many bytes they took. */
    private static long printAll(PacketPrinter printer, PacketFields fields, PacketRecord[] packets, long reference, LineOutput lines)
            throws IOException {
        for (int i = 0; i < packets.length; i++) {
            printer.print(fields.wrap(i + 1, packets[i], reference), lines);
        }
        long size = lines.size();
        lines.clear();
        return size;
    }

    private static List<PacketRecord> read(String capture) throws IOException {
        List<PacketRecord> packets = new ArrayList<>();
        try (CaptureReader reader = CaptureFiles.open(Corpus.directory().resolve(capture))) {
            PacketRecord packet = new PacketRecord();
            while (reader.next(packet)) {
                packets.add(new PacketRecord().copyOf(packet, MemorySegment.ofArray(new byte[packet.capturedLength()]), 0));
            }
        }
        return packets;
    }
}
