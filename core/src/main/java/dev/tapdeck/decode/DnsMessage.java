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
    /** The 16 flag bits after the ID: QR, opcode, AA, TC, RD, RA, Z, AD, CD, rcode. */
    public int flags() { return u16(2); }
    public boolean isResponse() { return (u8(2) & 0x80) != 0; }
    public int opcode() { return (u8(2) >>> 3) & 0x0f; }
    public int responseCode() { return u8(3) & 0x0f; }
    public int questionCount() { return u16(4); }
    public int answerCount() { return u16(6); }
    public int authorityCount() { return u16(8); }
    public int additionalCount() { return u16(10); }

    /** Questions whose name was read completely (at most {@value #MAX_QUESTIONS}). */
    public int questionsDecoded() { return questionsDecoded; }
    public int questionType(int index) { return questionTypes[index]; }
    /** Offset of question {@code index}'s name from the packet's first byte. */
    public int questionOffset(int index) { return (int) questionOffsets[index]; }

    /** Bytes question {@code index}'s name takes in the message: labels up to the root label or a compression pointer. */
    public int questionNameLength(int index) {
        return nameEnd(questionOffset(index)) - questionOffset(index);
    }

    /**
     * Where the name at {@code at} (an offset from the packet's first byte) ends in the message:
     * just after its root label or its compression pointer; -1 when it runs past the captured bytes.
     */
    public int nameEnd(int at) {
        long p = at;
        while (p < end) {
            int length = Bytes.u8(bytes, p);
            if (length == 0) {
                return (int) (p + 1);
            }
            if ((length & 0xc0) == 0xc0) {
                return p + 2 <= end ? (int) (p + 2) : -1;
            }
            p += 1 + length;
        }
        return -1;
    }

    /** Appends question {@code index}'s name as Wireshark displays it. */
    public void appendQuestionName(int index, StringBuilder out) {
        appendName(questionOffsets[index], out);
    }

    /**
     * Appends the name at {@code nameOffset} as tshark shows it: labels joined by dots,
     * {@code <Root>} for the root, unprintable bytes as backslash escapes ({@code \t},
     * {@code \001}), and Wireshark's own texts for a pointer loop and a name too long.
     * {@code nameOffset} counts from the packet's first byte, as {@link #questionOffset} does.
     */
    public void appendName(long nameOffset, StringBuilder out) {
        int start = out.length();
        long at = nameOffset;
        int hops = 0;
        int nameLength = 0;
        while (at < end) {
            int length = Bytes.u8(bytes, at);
            if ((length & 0xc0) == 0xc0) {
                if (at + 1 >= end) {
                    break;
                }
                if (++hops > MAX_POINTER_HOPS) {
                    out.setLength(start);
                    out.append("<Name contains a pointer that loops>");
                    return;
                }
                at = offset + (((length & 0x3f) << 8) | Bytes.u8(bytes, at + 1));
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
                appendLabel(at + 1, at + 1 + length, out);
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

    /**
     * Appends a label's bytes the way tshark shows them: ASCII with C-style escapes, bytes above
     * 0x7f as UTF-8, each malformed sequence as one U+FFFD, and characters that are not
     * printable (control, format, unassigned) as {@code \\uXXXX} or {@code \\UXXXXXXXX}.
     */
    private void appendLabel(long from, long to, StringBuilder out) {
        long b = from;
        while (b < to) {
            int lead = Bytes.u8(bytes, b++);
            if (lead < 0x80) {
                appendAscii(lead, out);
                continue;
            }
            int more = lead >= 0xc0 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf7 ? 3 : -1;
            int codePoint = more < 0 ? -1 : lead & (0x3f >> more);
            for (int i = 0; i < more; i++) {
                if (b >= to || (Bytes.u8(bytes, b) & 0xc0) != 0x80) {
                    // Cut short: the bytes so far are one malformed sequence; the next starts here.
                    codePoint = -1;
                    break;
                }
                codePoint = (codePoint << 6) | (Bytes.u8(bytes, b++) & 0x3f);
            }
            if (codePoint < 0 || codePoint > Character.MAX_CODE_POINT || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
                out.append('\uFFFD');
            } else if (isPrintable(codePoint)) {
                out.appendCodePoint(codePoint);
            } else {
                appendUnicodeEscape(codePoint, out);
            }
        }
    }

    /** GLib's g_unichar_isprint, which tshark uses: not a control, format, unassigned or surrogate code point. */
    private static boolean isPrintable(int codePoint) {
        int type = Character.getType(codePoint);
        return type != Character.CONTROL && type != Character.FORMAT && type != Character.UNASSIGNED && type != Character.SURROGATE;
    }

    private static void appendUnicodeEscape(int codePoint, StringBuilder out) {
        boolean wide = codePoint > 0xffff;
        out.append(wide ? "\\U" : "\\u");
        for (int shift = wide ? 28 : 12; shift >= 0; shift -= 4) {
            out.append(Character.toUpperCase(Character.forDigit((codePoint >>> shift) & 0xf, 16)));
        }
    }

    private static void appendAscii(int b, StringBuilder out) {
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
