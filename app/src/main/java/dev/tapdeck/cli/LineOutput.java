package dev.tapdeck.cli;

import dev.tapdeck.decode.Utf8Builder;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

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
    /** Set once a write failed: nothing more is written, closing included. */
    private OutputFailed failed;

    LineOutput(OutputStream out) {
        this.out = out;
    }

    /** Lines kept in memory, for {@link #bytes()}: a worker's lines, which another thread writes out. */
    static LineOutput inMemory() {
        return new LineOutput(null);
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
        makeRoom(worst);
        charView.limit(length).position(0);
        byteView.limit(buffer.length).position(used);
        utf8.encode(charView, byteView, true);
        used = byteView.position();
        buffer[used++] = '\n';
    }

    void writeLine(Utf8Builder text) throws IOException {
        int length = text.length();
        makeRoom(length + 1);
        System.arraycopy(text.array(), 0, buffer, used, length);
        used += length;
        buffer[used++] = '\n';
    }

    /** Writes lines encoded elsewhere, after the ones before them. */
    void writeBytes(byte[] bytes, int length) throws IOException {
        drain();
        write(() -> out.write(bytes, 0, length));
    }

    /** Room for {@code count} more bytes: written out first, or in memory a larger buffer. */
    private void makeRoom(int count) throws IOException {
        if (used + count <= buffer.length) {
            return;
        }
        if (out != null) {
            drain();
        }
        if (used + count > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(used + count, 2 * buffer.length));
            byteView = ByteBuffer.wrap(buffer);
        }
    }

    /** The lines of an {@link #inMemory()} output, valid up to {@link #size()}. */
    byte[] bytes() {
        return buffer;
    }

    int size() {
        return used;
    }

    /** Forgets the lines of an {@link #inMemory()} output. */
    void clear() {
        used = 0;
    }

    private void drain() throws IOException {
        if (out == null) {
            return;
        }
        write(() -> out.write(buffer, 0, used));
        used = 0;
    }

    void flush() throws IOException {
        drain();
        if (out != null) {
            write(out::flush);
        }
    }

    /** Flushes, unless writing has failed already: then there is nothing more to say. */
    @Override
    public void close() throws IOException {
        if (failed == null) {
            flush();
        }
    }

    private interface Write {
        void run() throws IOException;
    }

    private void write(Write write) throws OutputFailed {
        if (failed != null) {
            throw failed;
        }
        try {
            write.run();
        } catch (IOException e) {
            failed = new OutputFailed(e);
            throw failed;
        }
    }

    /**
     * Writing the output failed: the reader of a pipe went away (as {@code head} does once it
     * has its lines), or the disk is full. Not a problem with the input.
     */
    static final class OutputFailed extends IOException {
        OutputFailed(IOException cause) {
            super(cause.getMessage(), cause);
        }

        /**
         * What a command exits with: 0 when the reader of a pipe stopped reading, as tcpdump
         * and tshark end quietly; else one line on standard error and 2.
         */
        int report(String command, PrintWriter err) {
            String message = String.valueOf(getMessage());
            if (message.toLowerCase(Locale.ROOT).contains("pipe")) {
                return 0;
            }
            err.println("tapdeck " + command + ": cannot write the output: " + message);
            err.flush();
            return 2;
        }
    }
}
