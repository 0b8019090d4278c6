package dev.tapdeck.decode;


/**
 * Base of the flyweights: a view of one protocol header at an offset in the packet's memory.
 * Wrapping stores a position, never copies; a dissection re-wraps the same instances for
 * every packet.
 */
abstract class Header {
    byte[] bytes = Bytes.EMPTY;
    long offset;
    /** Absolute end of the captured bytes: no accessor reads past it. */
    long capturedEnd;
    boolean present;

    final void wrap(byte[] bytes, long offset, long capturedEnd) {
        this.bytes = bytes;
        this.offset = offset;
        this.capturedEnd = capturedEnd;
        this.present = true;
    }

    /** True when the capture holds {@code length} bytes from the start of this header. */
    final boolean captured(int length) {
        return offset + length <= capturedEnd;
    }

    void clear() {
        present = false;
    }

    /** Offset of the header's first byte from the packet's first byte. */
    public final int offset() {
        return (int) offset;
    }

    /** True when the packet carries this header (first occurrence, outside ICMP quotes). */
    public final boolean present() {
        return present;
    }

    final int u8(int at) {
        return Bytes.u8(bytes, offset + at);
    }

    final int u16(int at) {
        return Bytes.u16(bytes, offset + at);
    }

    final long u32(int at) {
        return Bytes.u32(bytes, offset + at);
    }
}
