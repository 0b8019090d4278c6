package dev.tapdeck.decode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Network-byte-order reads from packet memory; offsets are absolute within the segment. */
final class Bytes {
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt U32_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private Bytes() {
    }

    static int u8(MemorySegment segment, long offset) {
        return segment.get(ValueLayout.JAVA_BYTE, offset) & 0xff;
    }

    static int u16(MemorySegment segment, long offset) {
        return segment.get(U16, offset) & 0xffff;
    }

    static int i32(MemorySegment segment, long offset) {
        return segment.get(U32, offset);
    }

    static long u32(MemorySegment segment, long offset) {
        return segment.get(U32, offset) & 0xffff_ffffL;
    }

    static int i32LittleEndian(MemorySegment segment, long offset) {
        return segment.get(U32_LE, offset);
    }
}
