package dev.tapdeck.filter;

import dev.tapdeck.decode.field.FieldDef;
import dev.tapdeck.decode.field.FieldSource;

import java.util.List;

/**
 * A compiled display filter in Wireshark 4.0's language ({@code tcp.port == 443 && ip.len > 100}):
 * a tree of small evaluators that read only the fields the filter names. {@link #matches}
 * allocates nothing when those fields have flyweight readers.
 *
 * <p>Not thread-safe (each evaluator reuses its value buffers): compile one per thread.
 */
public final class DisplayFilter {
    private final String text;

    private DisplayFilter(String text) {
        this.text = text;
    }

    /**
     * Compiles {@code text}. An empty or blank filter matches every packet, as Wireshark's
     * empty filter bar does.
     *
     * @throws FilterException with tshark's message and the place at fault
     */
    public static DisplayFilter compile(String text) throws FilterException {
        throw new FilterException("display filters are being written", text, -1, 0);
    }

    /** True when the packet whose fields {@code packet} reads passes the filter. */
    public boolean matches(FieldSource packet) {
        throw new UnsupportedOperationException();
    }

    /** The filter as it was given. */
    public String text() {
        return text;
    }

    /** The fields the filter reads, each once, in the order the filter names them. */
    public List<FieldDef> fields() {
        return List.of();
    }

    /** True for the empty filter, which passes everything. */
    public boolean isEmpty() {
        return text.isBlank();
    }
}
