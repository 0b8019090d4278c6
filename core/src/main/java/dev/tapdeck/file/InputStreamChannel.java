package dev.tapdeck.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ReadableByteChannel;

/**
 * An {@link InputStream} seen as a channel, for standard input and other streams. Unlike
 * {@link java.nio.channels.Channels#newChannel(InputStream)} it makes one large read per
 * call through a reused array, and returns as soon as that read returns.
 */
final class InputStreamChannel implements ReadableByteChannel {
    private static final int CHUNK = 64 << 10;

    private final InputStream in;
    private final byte[] chunk = new byte[CHUNK];
    private boolean open = true;

    InputStreamChannel(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
        int read = in.read(chunk, 0, Math.min(dst.remaining(), CHUNK));
        if (read > 0) {
            dst.put(chunk, 0, read);
        }
        return read;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() throws IOException {
        if (open) {
            open = false;
            in.close();
        }
    }
}
