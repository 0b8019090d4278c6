package dev.tapdeck.analysis.process;

import dev.tapdeck.decode.JsonLinesFormat;

/**
 * A program as JSON: {@code {"pid":4242,"name":"curl","cmdline":"curl -s ...","user":"alice",
 * "container":"0123abcd"}}, what the OS did not say left out. The short form, for a packet's
 * summary, has the pid and name only. Appends to a caller's builder and allocates nothing.
 */
public final class ProcessJson {
    private ProcessJson() {
    }

    /** Appends {@code ,"process":{...}} for a known program, nothing for an unknown (null) one. */
    public static void appendMember(ProcessInfo process, boolean whole, StringBuilder out) {
        if (process != null) {
            append(process, whole, out.append(",\"process\":"));
        }
    }

    /** Appends the program's object: all it has when {@code whole}, else its pid and name. */
    public static StringBuilder append(ProcessInfo process, boolean whole, StringBuilder out) {
        out.append("{\"pid\":").append(process.pid());
        text("name", process.name(), out);
        if (whole) {
            text("cmdline", process.commandLine(), out);
            text("user", process.user(), out);
            text("container", process.container(), out);
        }
        return out.append('}');
    }

    private static void text(String key, String value, StringBuilder out) {
        if (value != null && !value.isEmpty()) {
            out.append(",\"").append(key).append("\":");
            JsonLinesFormat.appendString(value, out);
        }
    }
}
