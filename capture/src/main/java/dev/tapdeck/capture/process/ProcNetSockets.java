package dev.tapdeck.capture.process;

import java.io.IOException;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;

/**
 * Linux's {@code /proc/net/tcp}, {@code tcp6}, {@code udp} and {@code udp6}: the text tables
 * the kernel writes in {@code tcp4_seq_show} and its relatives, read where netlink
 * {@code sock_diag} is not available. Addresses are printed as the 32-bit words the kernel
 * holds them in, each in the host's byte order; ports as numbers.
 */
final class ProcNetSockets {
    private static final int LOCAL = 1;
    private static final int REMOTE = 2;
    private static final int UID = 7;
    private static final int INODE = 9;

    private ProcNetSockets() {
    }

    /**
     * Adds the sockets of one table that a file holds (inode not 0) to {@code into}.
     *
     * @throws IOException naming the line that does not read as the kernel writes them
     */
    static void parse(String table, int ipProtocol, List<KernelSocket> into) throws IOException {
        List<String> lines = table.lines().toList();
        for (int number = 1; number < lines.size(); number++) { // the first line names the columns
            String line = lines.get(number).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] columns = line.split("\\s+");
            if (columns.length > INODE && columns[INODE].equals("0")) {
                continue; // TIME_WAIT and the like: no owner to find
            }
            try {
                String[] local = columns[LOCAL].split(":");
                String[] remote = columns[REMOTE].split(":");
                into.add(KernelSocket.of(ipProtocol, address(local[0]), Integer.parseInt(local[1], 16),
                        address(remote[0]), Integer.parseInt(remote[1], 16),
                        Integer.parseUnsignedInt(columns[UID]), Long.parseLong(columns[INODE])));
            } catch (RuntimeException e) {
                throw new IOException("line " + (number + 1) + " of a /proc/net socket table does not read: " + line, e);
            }
        }
    }

    /** 8 or 32 hex digits, one host-order 32-bit word per 8, into network-order bytes. */
    static byte[] address(String hex) {
        if (hex.length() != 8 && hex.length() != 32) {
            throw new IllegalArgumentException("an address of " + hex.length() + " hex digits");
        }
        byte[] bytes = HexFormat.of().parseHex(hex);
        if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
            for (int word = 0; word < bytes.length; word += 4) {
                swap(bytes, word, word + 3);
                swap(bytes, word + 1, word + 2);
            }
        }
        return bytes;
    }

    private static void swap(byte[] bytes, int i, int j) {
        byte kept = bytes[i];
        bytes[i] = bytes[j];
        bytes[j] = kept;
    }
}
