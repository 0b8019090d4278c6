package dev.tapdeck.capture.process;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * What one operating system says about its TCP and UDP sockets and their owners. A scan is a
 * cold path, called by {@link SocketOwners} on its own schedule; it may keep caches between
 * calls (an implementation is used by one thread at a time).
 */
interface SocketInventory {

    /** Every TCP and UDP socket (IPv4 and IPv6) whose owning process could be told now. */
    List<OwnedSocket> scan() throws IOException;

    /**
     * The socket with exactly these ends (or the listening or unconnected one bound to the
     * local end), asked of the OS directly, where it can answer one socket faster than a scan.
     *
     * @return empty when there is none, or when this OS can only list all sockets
     */
    default Optional<OwnedSocket> find(SocketEndpoint local, SocketEndpoint remote) throws IOException {
        return Optional.empty();
    }

    /** How the sockets are listed, for logs and the README's figures: e.g. "netlink sock_diag". */
    String method();
}
