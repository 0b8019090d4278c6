package dev.tapdeck.file;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A copy of what a reader delivered for one packet, for assertions. */
record Packet(byte[] data, int capturedLength, int originalLength, int linkType, int interfaceId,
              boolean hasTimestamp, long epochSeconds, int nanos, int timestampDigits,
              long recordNumber, long fileOffset) {

    static Packet of(PacketRecord record) {
        return new Packet(record.toByteArray(), record.capturedLength(), record.originalLength(),
                record.linkType(), record.interfaceId(), record.hasTimestamp(), record.epochSeconds(),
                record.nanos(), record.timestampDigits(), record.recordNumber(), record.fileOffset());
    }

    /** Every packet up to a clean end of the input. */
    static List<Packet> readAll(CaptureReader reader) throws IOException {
        List<Packet> packets = new ArrayList<>();
        PacketRecord record = new PacketRecord();
        while (reader.next(record)) {
            packets.add(of(record));
        }
        return packets;
    }

    /** Every packet delivered before the reader threw, and what it threw (null at a clean end). */
    record Outcome(List<Packet> packets, IOException failure) {
    }

    static Outcome readUntilFailure(CaptureReader reader) {
        List<Packet> packets = new ArrayList<>();
        PacketRecord record = new PacketRecord();
        try {
            while (reader.next(record)) {
                packets.add(of(record));
            }
            return new Outcome(packets, null);
        } catch (IOException e) {
            return new Outcome(packets, e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Packet p && Arrays.equals(data, p.data) && capturedLength == p.capturedLength
                && originalLength == p.originalLength && linkType == p.linkType && interfaceId == p.interfaceId
                && hasTimestamp == p.hasTimestamp && epochSeconds == p.epochSeconds && nanos == p.nanos
                && timestampDigits == p.timestampDigits && recordNumber == p.recordNumber && fileOffset == p.fileOffset;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data) * 31 + capturedLength;
    }

    @Override
    public String toString() {
        return "Packet[#" + recordNumber + " @" + fileOffset + " cap=" + capturedLength + " orig=" + originalLength
                + " link=" + linkType + " if=" + interfaceId + " t=" + (hasTimestamp ? epochSeconds + "." + nanos + "/" + timestampDigits : "none")
                + " data=" + Arrays.toString(data) + "]";
    }
}
