package dev.tapdeck.decode;

/** pcap LINKTYPE_ values (tcpdump.org link-layer header types) the decoder understands. */
public final class LinkTypes {
    public static final int NULL = 0;
    public static final int ETHERNET = 1;
    /** OpenBSD's and BSD/OS's numbers for raw IP, seen in old files. */
    public static final int RAW_OPENBSD = 12;
    public static final int RAW_BSDOS = 14;
    public static final int RAW = 101;
    public static final int LOOP = 108;
    public static final int LINUX_SLL = 113;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    public static final int LINUX_SLL2 = 276;

    private LinkTypes() {
    }

    /** libpcap's name for a link type ({@code pcap_datalink_val_to_name}), or null for one Tapdeck does not decode. */
    public static String name(int linkType) {
        return switch (linkType) {
            case ETHERNET -> "EN10MB";
            case NULL -> "NULL";
            case LOOP -> "LOOP";
            case RAW, RAW_OPENBSD, RAW_BSDOS -> "RAW";
            case LINUX_SLL -> "LINUX_SLL";
            case IPV4 -> "IPV4";
            case IPV6 -> "IPV6";
            case LINUX_SLL2 -> "LINUX_SLL2";
            default -> null;
        };
    }

    /** Wireshark's WTAP_ENCAP number ({@code frame.encap_type}) for a LINKTYPE, or -1. */
    public static int wiretapEncapsulation(int linkType) {
        return switch (linkType) {
            case ETHERNET -> 1;
            case NULL -> 15;
            case LOOP -> 174;
            case RAW, RAW_OPENBSD, RAW_BSDOS -> 7;
            case LINUX_SLL -> 25;
            case IPV4 -> 129;
            case IPV6 -> 130;
            case LINUX_SLL2 -> 210;
            default -> -1;
        };
    }
}
