package dev.tapdeck.decode;

/** TCP header (RFC 9293 §3.1) with its options. */
public final class TcpHeader extends Header {
    public static final int MIN_LENGTH = 20;
    public static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10, URG = 0x20, ECE = 0x40, CWR = 0x80, AE = 0x100;

    int payloadLength = -1;

    public int sourcePort() { return u16(0); }
    public int destinationPort() { return u16(2); }
    public long sequence() { return u32(4); }
    public long acknowledgement() { return u32(8); }
    public int headerLength() { return (u8(12) >>> 4) * 4; }
    /** The 12 flag bits: reserved, AE (formerly NS), CWR, ECE, URG, ACK, PSH, RST, SYN, FIN. */
    public int flags() { return u16(12) & 0x0fff; }
    public int window() { return u16(14); }
    public int checksum() { return u16(16); }
    public int urgentPointer() { return u16(18); }

    /** Payload length on the wire (from the IP length), or -1 when the header is bogus. */
    public int payloadLength() { return payloadLength; }

    public static final int OPTION_MSS = 2, OPTION_WINDOW_SCALE = 3, OPTION_SACK_PERMITTED = 4, OPTION_SACK = 5, OPTION_TIMESTAMPS = 8;

    /** Maximum segment size option value, or -1. */
    public int maximumSegmentSize() {
        long at = optionOffset(OPTION_MSS);
        return at < 0 || Bytes.u8(bytes, at + 1) != 4 ? -1 : Bytes.u16(bytes, at + 2);
    }

    /** Window scale shift count, or -1. */
    public int windowScale() {
        long at = optionOffset(OPTION_WINDOW_SCALE);
        return at < 0 || Bytes.u8(bytes, at + 1) != 3 ? -1 : Bytes.u8(bytes, at + 2);
    }

    /** TSval of the timestamps option, or -1. */
    public long timestampValue() {
        long at = optionOffset(OPTION_TIMESTAMPS);
        return at < 0 || Bytes.u8(bytes, at + 1) != 10 ? -1 : Bytes.u32(bytes, at + 2);
    }

    /** TSecr of the timestamps option, or -1. */
    public long timestampEcho() {
        long at = optionOffset(OPTION_TIMESTAMPS);
        return at < 0 || Bytes.u8(bytes, at + 1) != 10 ? -1 : Bytes.u32(bytes, at + 6);
    }

    /** Number of SACK blocks (RFC 2018 §3), 0 when there is no SACK option. */
    public int sackBlocks() {
        long at = optionOffset(OPTION_SACK);
        return at < 0 ? 0 : (Bytes.u8(bytes, at + 1) - 2) / 8;
    }

    /**
     * The bytes the SACK blocks cover, each right edge less its left edge (modulo 2^32),
     * summed; 0 when there is no SACK option.
     */
    public int sackedBytes() {
        long at = optionOffset(OPTION_SACK);
        int sacked = 0;
        for (int block = 0, blocks = sackBlocks(); block < blocks; block++) {
            long edge = at + 2 + 8L * block;
            sacked += (int) (Bytes.u32(bytes, edge + 4) - Bytes.u32(bytes, edge));
        }
        return sacked;
    }

    public boolean sackPermitted() {
        return optionOffset(OPTION_SACK_PERMITTED) >= 0;
    }

    /**
     * Appends the options as Wireshark's info column shows them, in the header's order:
     * {@code MSS=1460 WS=128 SACK_PERM TSval=1 TSecr=0 SLE=10 SRE=20}.
     */
    public void appendOptionsInfo(StringBuilder out) {
        long end = Math.min(offset + headerLength(), capturedEnd);
        for (long at = Options.first(bytes, offset + MIN_LENGTH, end); at >= 0; at = Options.next(bytes, at, end)) {
            int length = Bytes.u8(bytes, at + 1);
            switch (Bytes.u8(bytes, at)) {
                case OPTION_MSS -> {
                    if (length == 4) {
                        out.append(" MSS=").append(Bytes.u16(bytes, at + 2));
                    }
                }
                case OPTION_WINDOW_SCALE -> {
                    if (length == 3) {
                        out.append(" WS=").append(1 << Math.min(Bytes.u8(bytes, at + 2), 14));
                    }
                }
                case OPTION_SACK_PERMITTED -> out.append(" SACK_PERM");
                case OPTION_TIMESTAMPS -> {
                    if (length == 10) {
                        out.append(" TSval=").append(Bytes.u32(bytes, at + 2)).append(" TSecr=").append(Bytes.u32(bytes, at + 6));
                    }
                }
                case OPTION_SACK -> {
                    for (long edge = at + 2; edge + 8 <= at + length; edge += 8) {
                        out.append(" SLE=").append(Bytes.u32(bytes, edge)).append(" SRE=").append(Bytes.u32(bytes, edge + 4));
                    }
                }
                default -> { }
            }
        }
    }

    /**
     * Absolute offset of the first option of {@code kind} that fits inside the header, or -1.
     * Walks the kind/length list of RFC 9293 §3.1; a zero or overrunning length ends the walk.
     */
    public long optionOffset(int kind) {
        return Options.find(bytes, offset + MIN_LENGTH, Math.min(offset + headerLength(), capturedEnd), kind);
    }
}
