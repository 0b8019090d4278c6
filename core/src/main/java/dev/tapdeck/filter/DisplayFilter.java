package dev.tapdeck.filter;

import dev.tapdeck.decode.field.FieldDef;
import dev.tapdeck.decode.field.FieldSource;

import java.util.List;

/**
 * A compiled display filter in Wireshark 4.0's language ({@code tcp.port == 443 && ip.len > 100}):
 * a tree of small evaluators that read only the fields the filter names. {@link #matches}
 * allocates nothing when those fields have flyweight readers.
 *
 * <p>The semantics are tshark 4.0's, down to its error messages: over a field with several
 * values {@code ==} holds when any value is equal, {@code !=} when all differ ({@code ===} all
 * equal, {@code !==} any differs); a relation on a field the packet lacks is false, {@code !=}
 * too; {@code matches} ignores case unless the pattern says {@code (?-i)}. The grammar, types
 * and messages are in this package's {@code Parser}, {@code Compiler} and {@code Literals}.
 *
 * <p>Not thread-safe (each evaluator reuses its value buffers): compile one per thread.
 */
public final class DisplayFilter {
    private final String text;
    /** Null for the empty filter. */
    private final Condition condition;
    private final List<FieldDef> fields;

    private DisplayFilter(String text, Condition condition, List<FieldDef> fields) {
        this.text = text;
        this.condition = condition;
        this.fields = fields;
    }

    /**
     * Compiles {@code text}. An empty or blank filter matches every packet, as Wireshark's
     * empty filter bar does.
     *
     * @throws FilterException with tshark's message and the place at fault
     */
    public static DisplayFilter compile(String text) throws FilterException {
        Syntax tree = Parser.parse(text);
        if (tree == null) {
            return new DisplayFilter(text, null, List.of());
        }
        Compiler.Result compiled = Compiler.compile(text, tree);
        return new DisplayFilter(text, compiled.condition(), compiled.fields());
    }

    /** True when the packet whose fields {@code packet} reads passes the filter. */
    public boolean matches(FieldSource packet) {
        return condition == null || condition.holds(packet);
    }

    /** The filter as it was given. */
    public String text() {
        return text;
    }

    /** The fields the filter reads, each once, in the order the filter names them. */
    public List<FieldDef> fields() {
        return fields;
    }

    /** True for the empty filter, which passes everything. */
    public boolean isEmpty() {
        return condition == null;
    }
}
