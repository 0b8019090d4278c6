package dev.tapdeck.serve;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client for the stream (RFC 6455), on a plain socket with one reading thread; it
 * sends text messages too (a display filter). Tests and bench/stream use it instead of the JDK's client, which now and then
 * fails a connection with "Invalid UTF-8 in frame TEXT" on text the server sent valid. It hands
 * each whole message over as bytes, so a load client can skip decoding them; a handler that
 * blocks stops the reading, as a stalled browser does.
 */
public final class StreamSocket implements AutoCloseable {
    private static final int TEXT = 1, CONTINUATION = 0, CLOSE = 8, PING = 9;

    /** Receives every whole message on the reading thread, then the end of the connection. */
    public interface Handler {
        void message(int opcode, byte[] payload) throws Exception;

        default void closed(int code) {}
    }

    private final Socket socket;
    private final Thread reader;

    private StreamSocket(Socket socket, DataInputStream in, Handler handler) {
        this.socket = socket;
        reader = Thread.ofPlatform().daemon().name("stream-socket-" + socket.getLocalPort()).start(() -> read(in, handler));
    }

    /**
     * Opens {@code ws://host:port/path} with extra request headers.
     *
     * @throws IOException with the server's status line when it refuses the upgrade
     */
    public static StreamSocket connect(URI uri, Map<String, String> headers, Handler handler) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            StringBuilder request = new StringBuilder("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                    + Base64.getEncoder().encodeToString(nonce) + "\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
            String status = readResponseHead(in);
            if (!status.startsWith("HTTP/1.1 101")) {
                throw new IOException("upgrade refused: " + status);
            }
            return new StreamSocket(socket, in, handler);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The status line; the headers after it are read and left. */
    private static String readResponseHead(DataInputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("connection closed during the upgrade");
            }
            head.append((char) c);
        }
        return head.substring(0, head.indexOf("\r\n"));
    }

    private void read(DataInputStream in, Handler handler) {
        int closeCode = 1006;
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        int messageOpcode = TEXT;
        try {
            while (true) {
                int first = in.readUnsignedByte();
                long length = in.readUnsignedByte() & 0x7f; // the server never masks
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = new byte[Math.toIntExact(length)];
                in.readFully(payload);
                int opcode = first & 0x0f;
                if (opcode == CLOSE) {
                    closeCode = payload.length >= 2 ? (payload[0] & 0xff) << 8 | payload[1] & 0xff : 1005;
                    break;
                }
                if (opcode >= PING) {
                    continue; // pings and pongs: the server does not wait for answers
                }
                if (opcode != CONTINUATION) {
                    messageOpcode = opcode;
                }
                message.write(payload);
                if ((first & 0x80) != 0) {
                    handler.message(messageOpcode, message.toByteArray());
                    message.reset();
                }
            }
        } catch (Exception e) {
            // The connection ended: closed, aborted, or the handler gave up.
        } finally {
            handler.closed(closeCode);
            abort();
        }
    }

    /** Sends one text message, masked as a client must (RFC 6455 §5.3). */
    public synchronized void send(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x80 | TEXT);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 1 << 16) {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >> shift));
            }
        }
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        OutputStream out = socket.getOutputStream();
        frame.writeTo(out);
        out.flush();
    }

    /** Ends the connection at once, without a closing handshake. */
    public void abort() {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    @Override
    public void close() throws InterruptedException {
        abort();
        reader.join(5_000);
    }
}
