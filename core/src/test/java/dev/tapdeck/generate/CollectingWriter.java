package dev.tapdeck.generate;

import dev.tapdeck.file.CaptureWriter;
import dev.tapdeck.file.PacketRecord;

import java.util.ArrayList;
import java.util.List;

/** A capture writer that keeps a copy of every packet, for tests (the real writers live elsewhere). */
final class CollectingWriter implements CaptureWriter {

    /** One written packet, copied out of the generator's reused buffer. */
    record Written(byte[] bytes, int originalLength, int linkType, long epochSeconds, int nanos, int digits) {}

    final List<Written> packets = new ArrayList<>();
    boolean closed;

    static List<Written> generate(long seed, long count) throws Exception {
        CollectingWriter writer = new CollectingWriter();
        new TrafficGenerator(seed).generate(writer, count);
        return writer.packets;
    }

    @Override
    public void write(PacketRecord packet) {
        packets.add(new Written(packet.toByteArray(), packet.originalLength(), packet.linkType(),
                packet.epochSeconds(), packet.nanos(), packet.timestampDigits()));
    }

    @Override
    public void close() {
        closed = true;
    }
}
