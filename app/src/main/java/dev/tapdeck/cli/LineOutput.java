package dev.tapdeck.cli;

import dev.tapdeck.decode.Utf8Builder;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

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
    /**
     * The JDK's UTF-8 encoder over the two arrays: it copies runs of ASCII, nearly every line,
     * with vector instructions. A lone surrogate becomes U+FFFD.
     */
    private final CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE)
            .replaceWith(new byte[] {(byte) 0xef, (byte) 0xbf, (byte) 0xbd});
    private CharBuffer charView = CharBuffer.wrap(chars);
    private ByteBuffer byteView = ByteBuffer.wrap(buffer);

    LineOutput(OutputStream out) {
        this.out = out;
    }

    void writeLine(StringBuilder text) throws IOException {
        int length = text.length();
        if (chars.length < length) {
            chars = new char[Math.max(length, 2 * chars.length)];
            charView = CharBuffer.wrap(chars);
        }
        text.getChars(0, length, chars, 0);
        // Room for the worst case (3 bytes a char, and the line feed) once, not per character.
        int worst = 3 * length + 1;
        if (used + worst > buffer.length) {
            drain();
            if (worst > buffer.length) {
                buffer = new byte[worst];
                byteView = ByteBuffer.wrap(buffer);
            }
        }
        charView.limit(length).position(0);
        byteView.limit(buffer.length).position(used);
        utf8.encode(charView, byteView, true);
        used = byteView.position();
        buffer[used++] = '\n';
    }

    void writeLine(Utf8Builder text) throws IOException {
        int length = text.length();
        if (used + length + 1 > buffer.length) {
            drain();
            if (length + 1 > buffer.length) {
                buffer = new byte[length + 1];
                byteView = ByteBuffer.wrap(buffer);
            }
        }
        System.arraycopy(text.array(), 0, buffer, used, length);
        used += length;
        buffer[used++] = '\n';
    }

    /** Writes lines encoded elsewhere, after the ones before them. */
    void writeBytes(byte[] bytes, int length) throws IOException {
        drain();
        out.write(bytes, 0, length);
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
