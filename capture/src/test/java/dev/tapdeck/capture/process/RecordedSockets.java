package dev.tapdeck.capture.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The socket tables recorded by {@code recorded/record.py} on a Linux machine: netlink dumps,
 * the /proc/net tables of the same moment, and the sockets the script held open (known.tsv).
 */
final class RecordedSockets {
    static final List<String> TABLES = List.of("tcp", "tcp6", "udp", "udp6");

    private RecordedSockets() {
    }

    static int ipProtocol(String table) {
        return table.startsWith("tcp") ? SocketEndpoint.TCP : SocketEndpoint.UDP;
    }

    static byte[] bytes(String name) {
        try (InputStream in = RecordedSockets.class.getResourceAsStream("recorded/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no recorded/" + name + " in the test resources");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.US_ASCII);
    }

    /** A socket the recording script held open, as Python's getsockname and fstat told it. */
    record Known(String table, KernelSocket socket) {
    }

    static List<Known> known() {
        return text("known.tsv").lines().filter(line -> !line.startsWith("#")).map(line -> {
            String[] f = line.split("\t");
            int protocol = ipProtocol(f[0]);
            SocketEndpoint local = new SocketEndpoint(protocol, address(f[1]), Integer.parseInt(f[2]));
            SocketEndpoint remote = f[3].equals("-") ? null : new SocketEndpoint(protocol, address(f[3]), Integer.parseInt(f[4]));
            return new Known(f[0], new KernelSocket(local, remote, Integer.parseInt(f[5]), Long.parseLong(f[6])));
        }).toList();
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text); // literal addresses only: no name lookup
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
