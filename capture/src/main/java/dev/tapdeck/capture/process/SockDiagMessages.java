package dev.tapdeck.capture.process;

import java.io.IOException;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

/**
 * The netlink {@code NETLINK_SOCK_DIAG} messages of an inet socket dump, as
 * {@code linux/netlink.h}, {@code linux/sock_diag.h} and {@code linux/inet_diag.h} lay them
 * out: the request Tapdeck sends and the {@code inet_diag_msg} answers. Netlink headers and
 * the uid and inode are in the host's byte order; ports and addresses in network order.
 */
final class SockDiagMessages {
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int NETLINK_SOCK_DIAG = 4;
    static final int SOCK_DIAG_BY_FAMILY = 20;
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final short NLM_F_REQUEST = 0x1;
    /** NLM_F_ROOT | NLM_F_MATCH: every socket, not one. */
    static final short NLM_F_DUMP = 0x300;
    private static final int ALL_STATES = 0xffffffff;
    /**
     * Every state but TIME_WAIT (6) and NEW_SYN_RECV (12), whose sockets no file holds any more
     * or yet: a busy machine has thousands of them, and none has an owner to find.
     */
    static final int OWNED_STATES = ALL_STATES & ~(1 << 6) & ~(1 << 12);
    private static final int ENOENT = 2;


    static final StructLayout NETLINK_HEADER = MemoryLayout.structLayout(
            JAVA_INT.withName("nlmsg_len"), JAVA_SHORT.withName("nlmsg_type"), JAVA_SHORT.withName("nlmsg_flags"),
            JAVA_INT.withName("nlmsg_seq"), JAVA_INT.withName("nlmsg_pid")).withName("nlmsghdr");

    static final StructLayout SOCKET_ID = MemoryLayout.structLayout(
            JAVA_SHORT.withName("idiag_sport"), JAVA_SHORT.withName("idiag_dport"),
            MemoryLayout.sequenceLayout(16, JAVA_BYTE).withName("idiag_src"),
            MemoryLayout.sequenceLayout(16, JAVA_BYTE).withName("idiag_dst"),
            JAVA_INT.withName("idiag_if"), MemoryLayout.sequenceLayout(2, JAVA_INT).withName("idiag_cookie"))
            .withName("inet_diag_sockid");

    static final StructLayout REQUEST = MemoryLayout.structLayout(
            JAVA_BYTE.withName("sdiag_family"), JAVA_BYTE.withName("sdiag_protocol"), JAVA_BYTE.withName("idiag_ext"),
            JAVA_BYTE.withName("pad"), JAVA_INT.withName("idiag_states"), SOCKET_ID.withName("id"))
            .withName("inet_diag_req_v2");

    static final StructLayout ANSWER = MemoryLayout.structLayout(
            JAVA_BYTE.withName("idiag_family"), JAVA_BYTE.withName("idiag_state"), JAVA_BYTE.withName("idiag_timer"),
            JAVA_BYTE.withName("idiag_retrans"), SOCKET_ID.withName("id"), JAVA_INT.withName("idiag_expires"),
            JAVA_INT.withName("idiag_rqueue"), JAVA_INT.withName("idiag_wqueue"), JAVA_INT.withName("idiag_uid"),
            JAVA_INT.withName("idiag_inode")).withName("inet_diag_msg");

    static final long REQUEST_SIZE = NETLINK_HEADER.byteSize() + REQUEST.byteSize();

    private static final long HEADER = NETLINK_HEADER.byteSize();
    private static final long LENGTH = NETLINK_HEADER.byteOffset(groupElement("nlmsg_len"));
    private static final long TYPE = NETLINK_HEADER.byteOffset(groupElement("nlmsg_type"));
    private static final long FLAGS = NETLINK_HEADER.byteOffset(groupElement("nlmsg_flags"));
    private static final long SEQUENCE = NETLINK_HEADER.byteOffset(groupElement("nlmsg_seq"));
    private static final long FAMILY = ANSWER.byteOffset(groupElement("idiag_family"));
    private static final long SOURCE_PORT = ANSWER.byteOffset(groupElement("id"), groupElement("idiag_sport"));
    private static final long DESTINATION_PORT = ANSWER.byteOffset(groupElement("id"), groupElement("idiag_dport"));
    private static final long SOURCE = ANSWER.byteOffset(groupElement("id"), groupElement("idiag_src"));
    private static final long DESTINATION = ANSWER.byteOffset(groupElement("id"), groupElement("idiag_dst"));
    private static final long UID = ANSWER.byteOffset(groupElement("idiag_uid"));
    private static final long INODE = ANSWER.byteOffset(groupElement("idiag_inode"));

    private SockDiagMessages() {
    }

    /** Writes a dump request for every socket of one family and protocol into {@code request}. */
    static void writeRequest(MemorySegment request, int family, int ipProtocol, int sequence) {
        writeHeader(request, family, ipProtocol, sequence, (short) (NLM_F_REQUEST | NLM_F_DUMP), OWNED_STATES);
    }

    /**
     * Writes a request for the one socket with these ends, which the kernel answers with a hash
     * lookup (as for an arriving packet) instead of a walk of every socket: the connected
     * socket with both ends, else a listening or unconnected one bound to the local end.
     * The answer is one socket message, or an error message with ENOENT when there is none.
     */
    static void writeExactRequest(MemorySegment request, int ipProtocol, int sequence,
                                  SocketEndpoint local, SocketEndpoint remote) {
        byte[] localAddress = local.address().getAddress();
        writeHeader(request, localAddress.length == 4 ? AF_INET : AF_INET6, ipProtocol, sequence, NLM_F_REQUEST, ALL_STATES);
        // udp_diag looks the socket up with source and destination swapped ("for historical
        // reasons", net/ipv4/udp_diag.c): for UDP the local end goes where TCP has the remote one.
        boolean swapped = ipProtocol == SocketEndpoint.UDP;
        SocketEndpoint source = swapped ? remote : local;
        SocketEndpoint destination = swapped ? local : remote;
        long id = HEADER + REQUEST.byteOffset(groupElement("id"));
        request.set(SocketEndpoint.NETWORK_ORDER_PORT, id + SOCKET_ID.byteOffset(groupElement("idiag_sport")), (short) source.port());
        request.set(SocketEndpoint.NETWORK_ORDER_PORT, id + SOCKET_ID.byteOffset(groupElement("idiag_dport")), (short) destination.port());
        writeAddress(request, id + SOCKET_ID.byteOffset(groupElement("idiag_src")), source);
        writeAddress(request, id + SOCKET_ID.byteOffset(groupElement("idiag_dst")), destination);
        // INET_DIAG_NOCOOKIE: the socket is named by its ends, not by a cookie from an earlier answer.
        long cookie = id + SOCKET_ID.byteOffset(groupElement("idiag_cookie"));
        request.set(JAVA_INT_UNALIGNED, cookie, 0xffffffff);
        request.set(JAVA_INT_UNALIGNED, cookie + 4, 0xffffffff);
    }

    private static void writeHeader(MemorySegment request, int family, int ipProtocol, int sequence, short flags, int states) {
        request.asSlice(0, REQUEST_SIZE).fill((byte) 0);
        request.set(JAVA_INT_UNALIGNED, LENGTH, (int) REQUEST_SIZE);
        request.set(JAVA_SHORT_UNALIGNED, TYPE, (short) SOCK_DIAG_BY_FAMILY);
        request.set(JAVA_SHORT_UNALIGNED, FLAGS, flags);
        request.set(JAVA_INT_UNALIGNED, SEQUENCE, sequence);
        request.set(JAVA_BYTE, HEADER + REQUEST.byteOffset(groupElement("sdiag_family")), (byte) family);
        request.set(JAVA_BYTE, HEADER + REQUEST.byteOffset(groupElement("sdiag_protocol")), (byte) ipProtocol);
        request.set(JAVA_INT_UNALIGNED, HEADER + REQUEST.byteOffset(groupElement("idiag_states")), states);
    }

    /** An IPv4 address takes the first of the four 32-bit words. */
    private static void writeAddress(MemorySegment request, long offset, SocketEndpoint end) {
        byte[] address = end.address().getAddress();
        MemorySegment.copy(address, 0, request, JAVA_BYTE, offset, address.length);
    }

    /**
     * Reads the answer to {@link #writeExactRequest}: the socket, or null when the kernel has none
     * with those ends.
     */
    static KernelSocket readExact(MemorySegment answer, int ipProtocol) throws IOException {
        if (answer.byteSize() >= HEADER + 4
                && Short.toUnsignedInt(answer.get(JAVA_SHORT_UNALIGNED, TYPE)) == NLMSG_ERROR
                && answer.get(JAVA_INT_UNALIGNED, HEADER) == -ENOENT) {
            return null;
        }
        List<KernelSocket> found = new ArrayList<>(1);
        read(answer, ipProtocol, found);
        return found.isEmpty() ? null : found.getFirst();
    }

    /**
     * Reads the netlink messages in {@code answer} (one datagram, or several of one dump one
     * after the other), adding each socket that a file holds (inode not 0) to {@code into}.
     *
     * @return true when the dump's end ({@code NLMSG_DONE}) was among them
     * @throws IOException when the kernel answered with an error (e.g. no diag module for the protocol)
     */
    static boolean read(MemorySegment answer, int ipProtocol, List<KernelSocket> into) throws IOException {
        long offset = 0;
        while (offset + HEADER <= answer.byteSize()) {
            int length = answer.get(JAVA_INT_UNALIGNED, offset + LENGTH);
            if (length < HEADER || offset + length > answer.byteSize()) {
                throw new IOException("netlink message of " + length + " bytes at offset " + offset
                        + " does not fit the " + answer.byteSize() + " bytes received");
            }
            int type = Short.toUnsignedInt(answer.get(JAVA_SHORT_UNALIGNED, offset + TYPE));
            switch (type) {
                case NLMSG_DONE -> {
                    return true;
                }
                case NLMSG_ERROR -> {
                    int error = length >= HEADER + 4 ? -answer.get(JAVA_INT_UNALIGNED, offset + HEADER) : 0;
                    throw new IOException("the kernel refused the socket dump for IP protocol " + ipProtocol
                            + " (errno " + error + ")");
                }
                case SOCK_DIAG_BY_FAMILY -> {
                    if (length >= HEADER + ANSWER.byteSize() && answer.get(JAVA_INT_UNALIGNED, offset + HEADER + INODE) != 0) {
                        into.add(socket(answer.asSlice(offset + HEADER, ANSWER.byteSize()), ipProtocol));
                    }
                }
                default -> {
                    // NLMSG_NOOP and others carry no socket.
                }
            }
            offset += align(length);
        }
        return false;
    }

    private static KernelSocket socket(MemorySegment message, int ipProtocol) {
        int addressLength = Byte.toUnsignedInt(message.get(JAVA_BYTE, FAMILY)) == AF_INET6 ? 16 : 4;
        byte[] local = message.asSlice(SOURCE, addressLength).toArray(JAVA_BYTE);
        byte[] remote = message.asSlice(DESTINATION, addressLength).toArray(JAVA_BYTE);
        return KernelSocket.of(ipProtocol, local, SocketEndpoint.portAt(message, SOURCE_PORT), remote,
                SocketEndpoint.portAt(message, DESTINATION_PORT),
                message.get(JAVA_INT_UNALIGNED, UID), Integer.toUnsignedLong(message.get(JAVA_INT_UNALIGNED, INODE)));
    }

    /** NLMSG_ALIGN: messages start on 4-byte boundaries. */
    private static long align(int length) {
        return (length + 3L) & ~3L;
    }
}
