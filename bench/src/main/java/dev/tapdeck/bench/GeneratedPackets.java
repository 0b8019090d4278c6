package dev.tapdeck.bench;

import dev.tapdeck.file.CaptureWriter;
import dev.tapdeck.file.PacketRecord;
import dev.tapdeck.generate.TrafficGenerator;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/** The synthetic busy link of {@code bench/run} (seed 1), held in memory so that no file reader is measured. */
final class GeneratedPackets {
    private GeneratedPackets() {
    }

    /** The first {@code count} packets, each copied into its own array. */
    static PacketRecord[] generate(int count) throws IOException {
        PacketRecord[] packets = new PacketRecord[count];
        new TrafficGenerator(1).generate(new CaptureWriter() {
            private int next;

            @Override
            public void write(PacketRecord packet) {
                byte[] copy = packet.toByteArray();
                packets[next++] = new PacketRecord()
                        .set(MemorySegment.ofArray(copy), 0, copy.length, packet.originalLength(), packet.linkType())
                        .timestamp(packet.epochSeconds(), packet.nanos(), packet.timestampDigits());
            }

            @Override
            public void close() {
            }
        }, count);
        return packets;
    }
}
