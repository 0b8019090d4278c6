package dev.tapdeck.decode;

/**
 * DNS message header and question section (RFC 1035 §4.1). The decoder validates the whole
 * message once; names are rendered on demand from the packet bytes, following compression
 * pointers (§4.1.4) with a hop limit so that a pointer loop ends cleanly.
 */
public final class DnsMessage extends Header {
    static final int HEADER_LENGTH = 12;
    static final int MAX_QUESTIONS = 16;
    /** More pointers than this in one name is a loop, as Wireshark counts (its MAX_DNAME_LEN). */
    static final int MAX_POINTER_HOPS = 255;
    /**
     * The longest name Wireshark shows, in label bytes and dots: a name takes at most 255
     * octets on the wire (RFC 1035 §2.3.4), 253 as text. Longer ones show as too long.
     */
    static final int MAX_NAME_LENGTH = 253;

    final long[] questionOffsets = new long[MAX_QUESTIONS];
    final int[] questionTypes = new int[MAX_QUESTIONS];
    int questionsDecoded;
    long end;

    @Override
    void clear() {
        super.clear();
        questionsDecoded = 0;
    }

    public int id() { return u16(0); }
    public boolean isResponse() { return (u8(2) & 0x80) != 0; }
    public int opcode() { return (u8(2) >>> 3) & 0x0f; }
    public int responseCode() { return u8(3) & 0x0f; }
    public int questionCount() { return u16(4); }
    public int answerCount() { return u16(6); }

    /** Questions whose name was read completely (at most {@value #MAX_QUESTIONS}). */
    public int questionsDecoded() { return questionsDecoded; }
    public int questionType(int index) { return questionTypes[index]; }

    /** Appends question {@code index}'s name as Wireshark displays it. */
    public void appendQuestionName(int index, StringBuilder out) {
        appendName(questionOffsets[index], out);
    }

    /**
     * Appends the name at {@code nameOffset} as tshark shows it: labels joined by dots,
     * {@code <Root>} for the root, unprintable bytes as backslash escapes ({@code \t},
     * {@code \001}), and Wireshark's own texts for a pointer loop and a name too long.
     */
    void appendName(long nameOffset, StringBuilder out) {
        int start = out.length();
        long at = nameOffset;
        int hops = 0;
        int nameLength = 0;
        while (at < end) {
            int length = Bytes.u8(segment, at);
            if ((length & 0xc0) == 0xc0) {
                if (at + 1 >= end) {
                    break;
                }
                if (++hops > MAX_POINTER_HOPS) {
                    out.setLength(start);
                    out.append("<Name contains a pointer that loops>");
                    return;
                }
                at = offset + (((length & 0x3f) << 8) | Bytes.u8(segment, at + 1));
                continue;
            }
            if (length == 0 || (length & 0xc0) != 0 || at + 1 + length > end) {
                break;
            }
            int longer = nameLength + (nameLength > 0 ? 1 : 0) + length;
            if (longer <= MAX_NAME_LENGTH) {
                if (nameLength > 0) {
                    out.append('.');
                }
                for (long b = at + 1; b <= at + length; b++) {
                    appendLabelByte(Bytes.u8(segment, b), out);
                }
            }
            nameLength = longer;
            at += 1 + length;
        }
        if (nameLength > MAX_NAME_LENGTH) {
            out.setLength(start);
            out.append("<Name too long>");
        } else if (nameLength == 0) {
            out.append("<Root>");
        }
    }

    private static void appendLabelByte(int b, StringBuilder out) {
        if (b >= 0x20 && b < 0x7f) {
            out.append((char) b);
            return;
        }
        switch (b) {
            case '\t' -> out.append("\\t");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case 0x07 -> out.append("\\a");
            case 0x08 -> out.append("\\b");
            case 0x0b -> out.append("\\v");
            case 0x0c -> out.append("\\f");
            default -> out.append('\\')
                    .append((char) ('0' + ((b >>> 6) & 7)))
                    .append((char) ('0' + ((b >>> 3) & 7)))
                    .append((char) ('0' + (b & 7)));
        }
    }
}
