package dev.tapdeck.cli;

import java.io.IOException;
import java.io.OutputStream;

/** Standard output that takes {@code room} bytes, then fails every write as a closed pipe or a full disk does. */
final class FailingOutput extends OutputStream {
    private final String message;
    private long room;

    FailingOutput(long room, String message) {
        this.room = room;
        this.message = message;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (length > room) {
            throw new IOException(message);
        }
        room -= length;
    }
}
