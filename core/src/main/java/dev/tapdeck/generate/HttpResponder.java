package dev.tapdeck.generate;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Instant;

/**
 * A small HTTP/1.1 server for a {@link TrafficSender}'s TCP connections when nobody else
 * listens on its port: it reads each request head, answers with a head and an opaque body
 * of a realistic size, and closes, one connection at a time.
 */
final class HttpResponder implements AutoCloseable {
    /** The Host the sender's requests name and the server's redirects point to. */
    static final DomainName HOST = DomainName.of("localhost");
    private static final int READ_TIMEOUT_MILLIS = 2000;
    private static final int LONGEST_REQUEST_HEAD = 16 * 1024;
    private static final int LONGEST_RESPONSE_HEAD = 1024;
    private static final int LARGEST_BODY = 64 * 1024;

    private final ServerSocket server;
    private final SplitMix64 random;
    private final OpaqueBytes opaque;
    private final byte[] request = new byte[LONGEST_REQUEST_HEAD];
    private final byte[] response = new byte[LONGEST_RESPONSE_HEAD + LARGEST_BODY];
    private final Thread acceptor;

    private HttpResponder(ServerSocket server, long seed) {
        this.server = server;
        this.random = new SplitMix64(seed);
        this.opaque = new OpaqueBytes(random);
        this.acceptor = Thread.ofPlatform().daemon().name("tapdeck-http-server").start(this::serveUntilClosed);
    }

    /** A server listening on {@code address}, or null when something else already listens there. */
    static HttpResponder bindIfFree(InetSocketAddress address, long seed) throws IOException {
        ServerSocket server = TrafficSender.boundIfFree(new ServerSocket(), unbound -> {
            // Connections of an earlier run, waiting out TIME_WAIT, must not keep us off the port.
            unbound.setReuseAddress(true);
            unbound.bind(address);
        });
        return server == null ? null : new HttpResponder(server, seed);
    }

    private void serveUntilClosed() {
        while (true) {
            Socket connection;
            try {
                connection = server.accept();
            } catch (IOException closedOrBroken) {
                return; // closed by close(), the normal way out, or unable to accept any more
            }
            try (connection) {
                respond(connection);
            } catch (IOException e) {
                // This client went away or stalled; the next one is served as usual.
            }
        }
    }

    private void respond(Socket connection) throws IOException {
        connection.setSoTimeout(READ_TIMEOUT_MILLIS);
        int length = readHead(connection.getInputStream());
        int resource = HttpMessages.resourceRequested(request, length);
        int status = resource < 0 ? HttpMessages.NOT_FOUND : HttpMessages.pickStatus(random, false);
        int contentType = resource < 0 ? HttpMessages.HTML : HttpMessages.contentTypeOf(resource);
        int body = HttpMessages.hasBody(status) ? (int) Math.min(random.logNormal(8.0, 1.2), LARGEST_BODY) : 0;
        int headEnd = HttpMessages.writeResponseHead(response, 0, random, status, contentType, body,
                Instant.now().getEpochSecond(), HOST, true);
        opaque.copy(random.nextLong(), response, headEnd, body);
        connection.getOutputStream().write(response, 0, headEnd + body);
    }

    /** Reads up to the blank line that ends a request head, the end of the stream, or a full buffer. */
    private int readHead(InputStream in) throws IOException {
        int length = 0;
        while (length < request.length && !endsWithBlankLine(length)) {
            int read = in.read(request, length, request.length - length);
            if (read < 0) {
                break;
            }
            length += read;
        }
        return length;
    }

    private boolean endsWithBlankLine(int length) {
        return length >= 4 && request[length - 4] == '\r' && request[length - 3] == '\n'
                && request[length - 2] == '\r' && request[length - 1] == '\n';
    }

    @Override
    public void close() throws IOException {
        server.close();
        TrafficSender.awaitEnd(acceptor);
    }
}
