package dev.tapdeck.filter;

/**
 * A display filter that does not compile, with what Wireshark would say about it: one line
 * naming the problem, and where in the filter it lies.
 */
public final class FilterException extends Exception {
    private final String filter;
    private final int position;
    private final int length;

    /**
     * @param message  the problem, as tshark words it: {@code "tcp.prot" is neither a field nor a protocol name.}
     * @param filter   the filter text as given
     * @param position 0-based index of the first character at fault, -1 when the fault has no place (an empty filter)
     * @param length   how many characters are at fault (at least 1 where there is a position)
     */
    public FilterException(String message, String filter, int position, int length) {
        super(message);
        this.filter = filter;
        this.position = position;
        this.length = length;
    }

    public String filter() { return filter; }

    /** 0-based index of the first character at fault, or -1. */
    public int position() { return position; }

    public int length() { return length; }

    /**
     * The message as tshark prints it: the problem, then the filter indented by four spaces
     * and a caret with tildes under the part at fault.
     */
    public String formatted() {
        if (position < 0) {
            return getMessage();
        }
        return getMessage() + "\n    " + filter + "\n    " + " ".repeat(position) + "^" + "~".repeat(Math.max(0, length - 1));
    }
}
