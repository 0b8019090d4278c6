package dev.tapdeck.capture.process;

import java.io.IOException;
import java.util.List;

/**
 * What one operating system says about its TCP and UDP sockets and their owners. A scan is a
 * cold path, called by {@link SocketOwners} on its own schedule; it may keep caches between
 * calls (an implementation is used by one thread at a time).
 */
interface SocketInventory {

    /** Every TCP and UDP socket (IPv4 and IPv6) whose owning process could be told now. */
    List<OwnedSocket> scan() throws IOException;

    /** How the sockets are listed, for logs and the README's figures: e.g. "netlink sock_diag". */
    String method();
}
