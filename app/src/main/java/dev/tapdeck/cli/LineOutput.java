package dev.tapdeck.cli;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Buffered UTF-8 line writer for text built in a reused {@link StringBuilder}: encodes
 * straight into its byte buffer, so printing a line allocates nothing (a Writer would make a
 * String of every line).
 */
final class LineOutput implements AutoCloseable {
    private final OutputStream out;
    private byte[] buffer = new byte[1 << 16];
    /** The line's characters, taken out of the builder in one copy. */
    private char[] chars = new char[1024];
    private int used;

    LineOutput(OutputStream out) {
        this.out = out;
    }

    void writeLine(StringBuilder text) throws IOException {
        int length = text.length();
        if (chars.length < length) {
            chars = new char[Math.max(length, 2 * chars.length)];
        }
        text.getChars(0, length, chars, 0);
        // Room for the worst case (3 bytes a char, and the line feed) once, not per character.
        int worst = 3 * length + 1;
        if (used + worst > buffer.length) {
            drain();
            if (worst > buffer.length) {
                buffer = new byte[worst];
            }
        }
        for (int i = 0; i < length; i++) {
            char c = chars[i];
            if (c < 0x80) {
                buffer[used++] = (byte) c;
            } else if (c < 0x800) {
                buffer[used++] = (byte) (0xc0 | (c >> 6));
                buffer[used++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(chars[i + 1])) {
                int cp = Character.toCodePoint(c, chars[++i]);
                buffer[used++] = (byte) (0xf0 | (cp >> 18));
                buffer[used++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                buffer[used++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                buffer[used++] = (byte) (0x80 | (cp & 0x3f));
            } else {
                char unit = Character.isSurrogate(c) ? '\uFFFD' : c;
                buffer[used++] = (byte) (0xe0 | (unit >> 12));
                buffer[used++] = (byte) (0x80 | ((unit >> 6) & 0x3f));
                buffer[used++] = (byte) (0x80 | (unit & 0x3f));
            }
        }
        buffer[used++] = '\n';
    }

    private void drain() throws IOException {
        out.write(buffer, 0, used);
        used = 0;
    }

    void flush() throws IOException {
        drain();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
