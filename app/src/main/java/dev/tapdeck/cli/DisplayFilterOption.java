package dev.tapdeck.cli;

import dev.tapdeck.filter.DisplayFilter;
import dev.tapdeck.filter.FilterException;

/**
 * A command's {@code -Y}: checked once before anything is read, then compiled again for each
 * thread that filters, since a compiled filter reuses its buffers.
 */
final class DisplayFilterOption {
    private final String text;

    private DisplayFilterOption(String text) {
        this.text = text;
    }

    /**
     * The filter {@code text}; none when it is null or blank.
     *
     * @throws IllegalArgumentException with tshark's message, the filter and a caret under the fault
     */
    static DisplayFilterOption of(String text) {
        DisplayFilterOption option = new DisplayFilterOption(text == null ? "" : text);
        if (!option.isEmpty()) {
            try {
                DisplayFilter.compile(option.text);
            } catch (FilterException e) {
                throw new IllegalArgumentException(e.formatted());
            }
        }
        return option;
    }

    boolean isEmpty() {
        return text.isBlank();
    }

    String text() {
        return text;
    }

    /** {@code printer} for the packets the filter passes; {@code printer} itself when there is no filter. */
    PacketPrinter applyTo(PacketPrinter printer) {
        return isEmpty() ? printer : PacketPrinter.filtered(compile(), printer);
    }

    /** A compiled filter for one thread; only for a filter that is not empty. */
    DisplayFilter compile() {
        try {
            return DisplayFilter.compile(text);
        } catch (FilterException e) {
            throw new IllegalStateException("the display filter compiled once, then not: " + e.getMessage(), e);
        }
    }
}
