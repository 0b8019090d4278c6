package dev.tapdeck.filter;

/**
 * One range of a slice ({@code frame[10:2]}) or of a layer list ({@code ip.src#[1-2]}), as
 * Wireshark's {@code drange_node} reads it: {@code i:j} (start and length), {@code i-j} (start
 * and end, both included, {@code i < j}), {@code i} (one), {@code :j} (the first {@code j}),
 * {@code i:} (from {@code i} to the end). A negative start or end counts from the end.
 */
record ByteRange(int start, int length, boolean toEnd) {

    /** Reads the range node {@code token}. */
    static ByteRange parse(Token token, String filter) throws FilterException {
        String node = token.text();
        int colon = node.indexOf(':');
        if (colon >= 0) {
            String startText = node.substring(0, colon);
            String lengthText = node.substring(colon + 1);
            int start = startText.isEmpty() ? 0 : number(startText, token, filter);
            if (lengthText.isEmpty()) {
                return new ByteRange(start, 0, true);
            }
            int length = number(lengthText, token, filter);
            if (length <= 0) {
                throw new FilterException("Range " + node + " isn't valid because length " + length + " isn't positive",
                        filter, token.position(), token.length());
            }
            return new ByteRange(start, length, false);
        }
        int dash = node.indexOf('-', 1);
        if (dash > 0) {
            int start = number(node.substring(0, dash), token, filter);
            int end = number(node.substring(dash + 1), token, filter);
            if ((start < 0) != (end < 0)) {
                throw new FilterException("Range " + node + " isn't valid because " + start + " and " + end
                        + " have different signs", filter, token.position(), token.length());
            }
            if (start >= end) {
                throw new FilterException("Range " + node + " isn't valid because " + start + " is greater or equal than "
                        + end, filter, token.position(), token.length());
            }
            return new ByteRange(start, end - start + 1, false);
        }
        return new ByteRange(number(node, token, filter), 1, false);
    }

    private static int number(String text, Token token, String filter) throws FilterException {
        boolean negative = text.startsWith("-");
        String digits = negative ? text.substring(1) : text;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            String message = text.indexOf(':') >= 0 || text.indexOf('-', 1) > 0
                    ? "\"" + token.text() + "\" is not a valid range."
                    : "\"" + text + "\" is not a valid number.";
            throw new FilterException(message, filter, token.position(), token.length());
        }
        if (digits.length() > 9) {
            throw new FilterException("\"" + text + "\" causes an integer overflow.", filter, token.position(), token.length());
        }
        int value = Integer.parseInt(digits);
        return negative ? -value : value;
    }

    /** The first index this range covers in a value of {@code size} bytes, or -1 when it does not fit. */
    int from(int size) {
        int from = start < 0 ? size + start : start;
        if (from < 0 || from >= size) {
            return -1;
        }
        if (!toEnd && from + length > size) {
            return -1;
        }
        return from;
    }

    /** How many bytes the range covers in a value of {@code size} bytes, once {@link #from} says it fits. */
    int length(int size) {
        return toEnd ? size - from(size) : length;
    }
}
