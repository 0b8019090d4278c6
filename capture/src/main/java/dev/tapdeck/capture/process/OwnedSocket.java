package dev.tapdeck.capture.process;

import dev.tapdeck.analysis.process.ProcessInfo;

/**
 * A socket of this machine and the process that holds it.
 *
 * @param remote the peer of a connected socket; null for a listening or unconnected one
 */
record OwnedSocket(SocketEndpoint local, SocketEndpoint remote, ProcessInfo owner) {
}
