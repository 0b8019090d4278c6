package dev.tapdeck.file;

/**
 * What a pcapng Interface Description Block says about one capture interface
 * (draft-ietf-opsawg-pcapng §4.2): {@code if_name}, {@code if_description}, {@code if_filter},
 * {@code if_os} and the SnapLen field. A null or empty text is left out of the file.
 *
 * @param name        the interface's name, e.g. "eth0"
 * @param description a friendly name, e.g. "Ethernet port 1"
 * @param filter      the libpcap filter the capture ran with, e.g. "tcp port 443"
 * @param os          the operating system of the capturing machine
 * @param snaplen     the most bytes captured of a packet; 0 when not limited
 */
public record InterfaceInfo(String name, String description, String filter, String os, int snaplen) {
    public InterfaceInfo {
        if (snaplen < 0) {
            throw new IllegalArgumentException("snaplen " + snaplen + " is negative: give 0 for no limit or the most bytes"
                    + " captured of a packet");
        }
    }
}
