package dev.tapdeck.capture.process;

/**
 * A socket as Linux lists it (netlink {@code sock_diag} or {@code /proc/net}), before its
 * owner is known.
 *
 * @param remote null for a listening or unconnected socket (the kernel shows port 0)
 * @param uid    the user that created the socket
 * @param inode  the socket's inode in sockfs, which the owner's {@code /proc/PID/fd} links name
 *               (the kernel lists 0 for a socket no file holds, in TIME_WAIT or orphaned: such
 *               sockets are left out, as they have no owner)
 */
record KernelSocket(SocketEndpoint local, SocketEndpoint remote, int uid, long inode) {

    static KernelSocket of(int ipProtocol, byte[] localAddress, int localPort, byte[] remoteAddress, int remotePort,
                           int uid, long inode) {
        SocketEndpoint local = SocketEndpoint.of(ipProtocol, localAddress, localPort);
        SocketEndpoint remote = remotePort == 0 ? null : SocketEndpoint.of(ipProtocol, remoteAddress, remotePort);
        return new KernelSocket(local, remote, uid, inode);
    }
}
