package dev.tapdeck.analysis;

import dev.tapdeck.decode.Addresses;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/** Text and {@link InetAddress} forms of the 128-bit addresses the analysis tables keep. */
final class Hosts {
    private Hosts() {
    }

    static boolean isIpv4(long high, long low) {
        return high == 0 && (low >>> 32) == 0xffff;
    }

    /** Dotted quad for IPv4 (kept IPv4-mapped), RFC 5952 text for IPv6, as the packet lines print them. */
    static String text(long high, long low) {
        return text(inet(high, low));
    }

    static String text(InetAddress address) {
        StringBuilder out = new StringBuilder(39);
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            Addresses.appendIpv4(ByteBuffer.wrap(bytes).getInt(), out);
        } else {
            Addresses.appendIpv6(bytes, 0, out);
        }
        return out.toString();
    }

    /** {@code 10.0.0.1:443} or {@code [2001:db8::1]:443}. */
    static String endText(InetAddress address, int port) {
        String host = text(address);
        return (address.getAddress().length == 4 ? host : "[" + host + "]") + ":" + port;
    }

    /** IPv4-mapped addresses come back as IPv4. */
    static InetAddress inet(long high, long low) {
        try {
            return InetAddress.getByAddress(ByteBuffer.allocate(16).putLong(high).putLong(low).array());
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
