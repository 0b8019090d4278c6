package dev.tapdeck.capture.process;

import dev.tapdeck.analysis.process.ProcessInfo;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sockets and their owners at one moment, keyed two ways: a connected socket by both its ends,
 * any socket by its local end (protocol, address, port). Immutable once built.
 *
 * <p>Several sockets can share a local end (a listener and the connections it accepted, or
 * sockets bound with {@code SO_REUSEPORT}); when they belong to different processes, that
 * local end names no owner, since choosing one would be a guess.
 */
final class SocketTable {
    /** A connected socket's key: its local end, then its peer. */
    record Connection(SocketEndpoint local, SocketEndpoint remote) {
    }

    private static final ProcessInfo AMBIGUOUS = new ProcessInfo(-1, "", "", "", null);

    static final SocketTable EMPTY = new SocketTable(List.of(), 0);

    private final Map<Connection, ProcessInfo> connections;
    private final Map<SocketEndpoint, ProcessInfo> locals;
    private final long takenNanos;

    SocketTable(List<OwnedSocket> sockets, long takenNanos) {
        this.takenNanos = takenNanos;
        connections = HashMap.newHashMap(sockets.size());
        locals = HashMap.newHashMap(sockets.size());
        for (OwnedSocket socket : sockets) {
            if (socket.remote() != null) {
                connections.put(new Connection(socket.local(), socket.remote()), socket.owner());
            }
            locals.merge(socket.local(), socket.owner(), (one, other) -> one.equals(other) ? one : AMBIGUOUS);
        }
    }

    /** The entries of {@code earlier} that this table no longer has, stamped with this table's time. */
    SocketTable departedSince(SocketTable earlier) {
        SocketTable departed = new SocketTable(List.of(), takenNanos);
        earlier.connections.forEach((key, owner) -> {
            if (!connections.containsKey(key)) {
                departed.connections.put(key, owner);
            }
        });
        earlier.locals.forEach((key, owner) -> {
            if (!locals.containsKey(key)) {
                departed.locals.put(key, owner);
            }
        });
        return departed;
    }

    boolean isEmpty() {
        return connections.isEmpty() && locals.isEmpty();
    }

    long takenNanos() { return takenNanos; }

    /**
     * The owner of the socket at {@code local} talking to {@code remote}: the connected socket
     * with exactly those ends, else a socket bound to exactly that local end, else (when the
     * address is one of this machine's) a socket bound to the unspecified address on that port.
     */
    ProcessInfo ownerOf(SocketEndpoint local, SocketEndpoint remote, boolean localAddress) {
        ProcessInfo owner = connections.get(new Connection(local, remote));
        if (owner == null) {
            owner = locals.get(local);
        }
        if (owner == null && localAddress) {
            owner = locals.get(local.wildcard());
        }
        return owner == AMBIGUOUS ? null : owner;
    }

    /** Every distinct local address a socket is bound to (not the unspecified ones). */
    void addLocalAddresses(Set<InetAddress> into) {
        for (SocketEndpoint local : locals.keySet()) {
            if (!local.isWildcard()) {
                into.add(local.address());
            }
        }
    }
}
