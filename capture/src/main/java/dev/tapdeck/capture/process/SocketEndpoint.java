package dev.tapdeck.capture.process;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One end of a TCP or UDP socket: IP protocol, address and port. IPv4-mapped IPv6 addresses
 * (a dual-stack socket talking IPv4) are kept as IPv4, as the packets on the wire carry them.
 */
record SocketEndpoint(int ipProtocol, InetAddress address, int port) {
    static final int TCP = 6;
    static final int UDP = 17;
    /** A port as the socket structs of every OS hold it: 16 bits in network order. */
    static final ValueLayout.OfShort NETWORK_ORDER_PORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final InetAddress ANY4 = address(new byte[4]);
    private static final InetAddress ANY6 = address(new byte[16]);

    SocketEndpoint {
        address = unmapped(address);
    }

    /** The address from its 4 or 16 network-order bytes. */
    static SocketEndpoint of(int ipProtocol, byte[] address, int port) {
        try {
            return new SocketEndpoint(ipProtocol, InetAddress.getByAddress(address), port);
        } catch (UnknownHostException wrongLength) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + address.length, wrongLength);
        }
    }

    /** The network-order port at {@code offset} of a struct. */
    static int portAt(MemorySegment struct, long offset) {
        return Short.toUnsignedInt(struct.get(NETWORK_ORDER_PORT, offset));
    }

    boolean isWildcard() {
        return address.isAnyLocalAddress();
    }

    /** The same port and protocol on the unspecified address of this end's family. */
    SocketEndpoint wildcard() {
        return new SocketEndpoint(ipProtocol, address instanceof Inet6Address ? ANY6 : ANY4, port);
    }

    private static InetAddress unmapped(InetAddress address) {
        // InetAddress.getByAddress already turns 16 mapped bytes into an Inet4Address; an
        // Inet6Address built another way (with a scope) may still carry the mapped form.
        if (address instanceof Inet6Address six) {
            byte[] bytes = six.getAddress();
            if (isMapped(bytes)) {
                try {
                    return InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16));
                } catch (UnknownHostException impossible) {
                    throw new IllegalStateException(impossible);
                }
            }
        }
        return address;
    }

    private static boolean isMapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
