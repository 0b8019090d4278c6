package dev.tapdeck.capture.pcap;

/**
 * A libpcap call failed. {@link #status()} is libpcap's status code ({@code PCAP_ERROR_*},
 * negative) where it gave one, so callers can tell a missing permission from a bad filter.
 */
public final class PcapException extends Exception {
    public static final int ERROR = -1;
    public static final int NO_SUCH_DEVICE = -5;
    public static final int PERMISSION_DENIED = -8;
    public static final int INTERFACE_NOT_UP = -9;
    public static final int PROMISCUOUS_PERMISSION_DENIED = -11;

    private final int status;

    public PcapException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() { return status; }

    public boolean isPermissionDenied() {
        return status == PERMISSION_DENIED || status == PROMISCUOUS_PERMISSION_DENIED;
    }
}
