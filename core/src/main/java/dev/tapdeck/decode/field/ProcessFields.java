package dev.tapdeck.decode.field;

import dev.tapdeck.analysis.process.ProcessInfo;

import java.util.List;
import java.util.function.Function;

import static dev.tapdeck.decode.field.FieldType.STRING;
import static dev.tapdeck.decode.field.FieldType.UINT32;

/**
 * The program a packet belonged to ({@code proc.*}), read from the {@link ProcessInfo} that
 * whoever knew it gave the packet ({@link PacketFields#process}): a live capture's flow
 * attribution, or a recording's packet comment. Wireshark has no such fields; the names follow
 * its style. A packet whose program is unknown has none of them, and what the operating system
 * did not say (a command line, a container) is absent, never empty.
 */
public final class ProcessFields {
    private static final Declarations PROC = new Declarations("proc");

    public static final FieldDef PROC_PROTO = PROC.protocol("Process")
            .hot((p, out) -> {
                if (p.process() != null) {
                    out.addBytes(p.dissection().bytes(), 0, 0);
                }
            });
    public static final FieldDef PID = PROC.field("proc.pid", UINT32, "Process ID")
            .describe("The id of the process that owned the packet's socket")
            .hot((p, out) -> {
                if (p.process() != null) {
                    out.addNumber(p.process().pid());
                }
            });
    public static final FieldDef NAME = text("proc.name", "Process name", "The short name of the program", ProcessInfo::name);
    public static final FieldDef CMDLINE = text("proc.cmdline", "Command line", "The program's arguments, joined by spaces",
            ProcessInfo::commandLine);
    public static final FieldDef USER = text("proc.user", "User", "The user the process ran as", ProcessInfo::user);
    public static final FieldDef CONTAINER = text("proc.container", "Container ID", "The container the process ran in",
            ProcessInfo::container);

    private ProcessFields() {
    }

    /** A text of the process, absent when the OS did not give it (null or empty). */
    private static FieldDef text(String name, String label, String description, Function<ProcessInfo, String> value) {
        return PROC.field(name, STRING, label).describe(description).hot((p, out) -> {
            String text = p.process() == null ? null : value.apply(p.process());
            if (text != null && !text.isEmpty()) {
                out.addText(text);
            }
        });
    }

    static List<FieldDef> all() {
        return PROC.all();
    }
}
