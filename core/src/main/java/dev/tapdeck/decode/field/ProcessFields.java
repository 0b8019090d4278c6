package dev.tapdeck.decode.field;

import dev.tapdeck.analysis.process.ProcessInfo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

import static dev.tapdeck.decode.field.FieldType.STRING;
import static dev.tapdeck.decode.field.FieldType.UINT32;

/**
 * The program a packet belonged to ({@code proc.*}), read from the {@link ProcessInfo} that
 * whoever knew it gave the packet ({@link PacketFields#process}): a live capture's flow
 * attribution, or a recording's packet comment. Wireshark has no such fields; the names follow
 * its style. A packet whose program is unknown has none of them, and what the operating system
 * did not say (a command line, a container) is absent, never empty. Anything else that knows a
 * program (a flow) reads the same values with {@link #collect}.
 */
public final class ProcessFields {
    private static final Declarations PROC = new Declarations("proc");
    private static final byte[] NO_BYTES = {};
    /** How each field reads a known program. */
    private static final Map<FieldDef, BiConsumer<ProcessInfo, FieldValues>> VALUES = new HashMap<>();

    public static final FieldDef PROC_PROTO = read(PROC.protocol("Process"), (process, out) -> out.addBytes(NO_BYTES, 0, 0));
    public static final FieldDef PID = read(PROC.field("proc.pid", UINT32, "Process ID")
            .describe("The id of the process that owned the packet's socket"), (process, out) -> out.addNumber(process.pid()));
    public static final FieldDef NAME = text("proc.name", "Process name", "The short name of the program", ProcessInfo::name);
    public static final FieldDef CMDLINE = text("proc.cmdline", "Command line", "The program's arguments, joined by spaces",
            ProcessInfo::commandLine);
    public static final FieldDef USER = text("proc.user", "User", "The user the process ran as", ProcessInfo::user);
    public static final FieldDef CONTAINER = text("proc.container", "Container ID", "The container the process ran in",
            ProcessInfo::container);

    private ProcessFields() {
    }

    /**
     * Replaces {@code out}'s contents with {@code process}'s values of {@code field}, a
     * {@code proc} field: none when the program is unknown (null) or did not say.
     */
    public static void collect(FieldDef field, ProcessInfo process, FieldValues out) {
        out.clear();
        BiConsumer<ProcessInfo, FieldValues> value = VALUES.get(field);
        if (value != null && process != null) {
            value.accept(process, out);
        }
    }

    /** A text of the program, absent when the OS did not give it (null or empty). */
    private static FieldDef text(String name, String label, String description, Function<ProcessInfo, String> text) {
        return read(PROC.field(name, STRING, label).describe(description), (process, out) -> {
            String value = text.apply(process);
            if (value != null && !value.isEmpty()) {
                out.addText(value);
            }
        });
    }

    /** Gives {@code field} its reader of a packet's program, and of any other's. */
    private static FieldDef read(FieldDef field, BiConsumer<ProcessInfo, FieldValues> value) {
        VALUES.put(field, value);
        return field.hot((p, out) -> {
            if (p.process() != null) {
                value.accept(p.process(), out);
            }
        });
    }

    /** Every {@code proc} field, the protocol first. */
    public static List<FieldDef> all() {
        return PROC.all();
    }
}
