package dev.tapdeck.capture;

/** A capture could not start, stop or change; {@link #reason()} tells callers which way to report it. */
public final class CaptureException extends Exception {

    /** {@code BAD_FILE}: a capture file to replay is missing, unreadable or not a capture. */
    public enum Reason {
        ALREADY_RUNNING, NOT_RUNNING, BAD_FILTER, NO_PERMISSION, NO_SUCH_INTERFACE, NO_LIBRARY, BAD_FILE, FAILED
    }

    private final Reason reason;

    public CaptureException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public CaptureException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() { return reason; }
}
