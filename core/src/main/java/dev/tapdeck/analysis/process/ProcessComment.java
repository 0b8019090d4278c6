package dev.tapdeck.analysis.process;

import java.util.Optional;

/**
 * The packet comment ({@code opt_comment} of a pcapng Enhanced Packet Block) that names the
 * program a recorded packet belonged to: {@code curl (pid 4242)}. Wireshark shows it as the
 * packet's comment; Tapdeck reads it back, so a recording keeps its packets' programs. Only the
 * name and pid travel in it: the command line, user and container stay with the live capture.
 */
public final class ProcessComment {
    private static final String PID = " (pid ";

    private ProcessComment() {
    }

    /** {@code NAME (pid PID)}. */
    public static String format(ProcessInfo process) {
        return process.name() + PID + process.pid() + ")";
    }

    /**
     * The program a comment written by {@link #format} names; empty for any other comment. The
     * name may itself hold spaces and brackets: the pid is the last {@code " (pid N)"}.
     */
    public static Optional<ProcessInfo> parse(String comment) {
        if (comment == null || !comment.endsWith(")")) {
            return Optional.empty();
        }
        int at = comment.lastIndexOf(PID);
        if (at <= 0) {
            return Optional.empty();
        }
        String digits = comment.substring(at + PID.length(), comment.length() - 1);
        if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        long pid = Long.parseLong(digits);
        if (pid > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        return Optional.of(new ProcessInfo((int) pid, comment.substring(0, at), "", "", null));
    }
}
