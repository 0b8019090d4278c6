package dev.tapdeck.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code -z follow,PROTOCOL,MODE,FILTER[,RANGE]} argument, parsed as tshark 4.0 parses it
 * (ui/cli/tap-follow.c): PROTOCOL {@code tcp} or {@code udp}; MODE {@code ascii}, {@code hex},
 * {@code raw} or {@code yaml}; FILTER a stream index or two {@code ADDRESS:PORT} ends (IPv6
 * in brackets); RANGE the chunks to print, {@code N} or {@code N-M}, counted from 1. A bad
 * argument throws with tshark's message.
 */
record FollowRequest(boolean tcp, Mode mode, int stream, End first, End second, long chunkMin, long chunkMax) {
    enum Mode { ASCII, HEX, RAW, YAML }

    /** One end of a conversation given by address: 16 bytes (IPv4-mapped for IPv4) and a port. */
    record End(boolean ipv6, byte[] address, int port, String text) { }

    /** A -z argument that is not a follow request tshark knows: its message lists the ones Tapdeck has. */
    static final class UnknownStatistic extends IllegalArgumentException {
        UnknownStatistic(String argument) {
            super("Invalid -z argument \"" + argument + "\"; it must be one of:\n     follow,tcp\n     follow,udp");
        }
    }

    private static final Pattern INDEX = Pattern.compile(",(\\d+)(?=,|$)");
    private static final Pattern IPV6_END = Pattern.compile(",\\[([^]]*)]:(-?\\d+)");
    private static final Pattern IPV4_END = Pattern.compile(",([^:,]*):(-?\\d+)");
    private static final Pattern RANGE = Pattern.compile(",(\\d+)-(\\d+)|,(\\d+)");

    static FollowRequest parse(String argument) {
        boolean tcp;
        if (argument.startsWith("follow,tcp")) {
            tcp = true;
        } else if (argument.startsWith("follow,udp")) {
            tcp = false;
        } else {
            throw new UnknownStatistic(argument);
        }
        String rest = argument.substring("follow,tcp".length());
        Mode mode = null;
        for (Mode m : Mode.values()) {
            String name = "," + m.name().toLowerCase(Locale.ROOT);
            if (rest.startsWith(name)) {
                mode = m;
                rest = rest.substring(name.length());
                break;
            }
        }
        if (mode == null) {
            throw invalid("Invalid display mode.");
        }
        int stream = -1;
        End first = null;
        End second = null;
        Matcher index = INDEX.matcher(rest);
        if (index.lookingAt() && index.group(1).length() <= 10 && Long.parseLong(index.group(1)) <= 0xffff_ffffL) {
            stream = (int) Long.parseLong(index.group(1));
            rest = rest.substring(index.end());
        } else {
            End[] ends = new End[2];
            for (int i = 0; i < 2; i++) {
                Matcher m = IPV6_END.matcher(rest);
                boolean ipv6 = m.lookingAt();
                if (!ipv6) {
                    m = IPV4_END.matcher(rest);
                    if (!m.lookingAt()) {
                        throw invalid("Invalid address.");
                    }
                }
                long port = parsePort(m.group(2));
                if (port <= 0 || port > 65_535) {
                    throw invalid("Invalid port.");
                }
                ends[i] = new End(ipv6, address(m.group(1), ipv6), (int) port, m.group(1));
                rest = rest.substring(m.end());
            }
            if (ends[0].ipv6() != ends[1].ipv6()) {
                throw invalid("Mismatched IP address types.");
            }
            first = ends[0];
            second = ends[1];
        }
        long chunkMin = 1;
        long chunkMax = 0xffff_ffffL;
        if (!rest.isEmpty()) {
            Matcher range = RANGE.matcher(rest);
            if (!range.lookingAt()) {
                throw invalid("Invalid range.");
            }
            if (range.group(3) != null) {
                chunkMin = chunkMax = Long.parseLong(range.group(3));
            } else {
                chunkMin = Long.parseLong(range.group(1));
                chunkMax = Long.parseLong(range.group(2));
            }
            if (chunkMin < 1 || chunkMin > chunkMax) {
                throw invalid("Invalid range value.");
            }
            rest = rest.substring(range.end());
        }
        if (!rest.isEmpty()) {
            throw invalid("Invalid parameter.");
        }
        return new FollowRequest(tcp, mode, stream, first, second, chunkMin, chunkMax);
    }

    /** The protocol's name as tshark's header and filter print it. */
    String protocol() {
        return tcp ? "tcp" : "udp";
    }

    /** tshark's {@code Filter:} line's text: the stream index, or both directions between the two ends. */
    String filter() {
        if (first == null) {
            return protocol() + ".stream eq " + Integer.toUnsignedString(stream);
        }
        String ip = first.ipv6() ? "ipv6" : "ip";
        String p = protocol();
        return "((" + ip + ".src eq " + first.text() + " and " + p + ".srcport eq " + first.port() + ") and ("
                + ip + ".dst eq " + second.text() + " and " + p + ".dstport eq " + second.port() + "))"
                + " or "
                + "((" + ip + ".src eq " + second.text() + " and " + p + ".srcport eq " + second.port() + ") and ("
                + ip + ".dst eq " + first.text() + " and " + p + ".dstport eq " + first.port() + "))";
    }

    private static long parsePort(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return -1; // more digits than a long: no port
        }
    }

    /** The address as 16 bytes, by inet_pton's rules: a literal, never a name. */
    private static byte[] address(String text, boolean ipv6) {
        boolean literal = ipv6 ? text.contains(":") && text.matches("[0-9A-Fa-f:.]+") : isDottedQuad(text);
        if (literal) {
            try {
                byte[] bytes = InetAddress.getByName(text).getAddress();
                if (bytes.length == 16) {
                    return bytes;
                }
                // IPv4, or an IPv4-mapped IPv6 address, which InetAddress turns into IPv4
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(bytes, 0, mapped, 12, 4);
                return mapped;
            } catch (UnknownHostException e) {
                // not an address: said below
            }
        }
        throw invalid("Invalid address.");
    }

    private static boolean isDottedQuad(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (!part.matches("\\d{1,3}") || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static IllegalArgumentException invalid(String reason) {
        return new IllegalArgumentException("follow - " + reason);
    }
}
