package dev.tapdeck.serve;

import dev.tapdeck.capture.CaptureException;

/**
 * A request that cannot be served, with the HTTP status and the words a user can act on; it
 * becomes the JSON body {@code {"error": ..., "detail": ...}}.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String detail;

    public ApiException(int status, String error, String detail) {
        super(error);
        this.status = status;
        this.detail = detail;
    }

    /** The status a capture's refusal deserves: a conflict, a bad request, missing rights or a missing library. */
    static ApiException of(CaptureException e) {
        return switch (e.reason()) {
            case ALREADY_RUNNING -> new ApiException(409, "already running", e.getMessage());
            case NOT_RUNNING -> new ApiException(409, "not running", e.getMessage());
            case BAD_FILTER -> new ApiException(400, "bad capture filter", e.getMessage());
            case NO_SUCH_INTERFACE -> new ApiException(400, "no such interface", e.getMessage());
            case NO_PERMISSION -> new ApiException(403, "no permission to capture", e.getMessage());
            case NO_LIBRARY -> new ApiException(503, "capture library missing", e.getMessage());
            default -> new ApiException(400, "capture failed", e.getMessage());
        };
    }

    public int status() { return status; }

    public String detail() { return detail; }
}
