package dev.tapdeck.filter;

/**
 * Bytes seen as characters, for a regular expression to run over: decoded from UTF-8 (a
 * string's bytes) or one character per byte (other bytes), into a buffer reused from value to
 * value. A byte that is not valid UTF-8 becomes U+FFFD.
 *
 * <p>A match may read at most {@link #READ_LIMIT} characters, as PCRE2 (which tshark uses)
 * stops at its match limit: a pattern that backtracks without end fails instead of hanging.
 */
final class ByteChars implements CharSequence {
    /** Characters a match may read: PCRE2's default match limit, ten million. */
    static final int READ_LIMIT = 10_000_000;

    /** Thrown when a match has read its limit; one instance without a stack trace, so throwing allocates nothing. */
    static final class LimitReached extends RuntimeException {
        static final LimitReached INSTANCE = new LimitReached();

        private LimitReached() {
            super("match limit reached", null, false, false);
        }
    }

    private final boolean utf8;
    private char[] chars = new char[256];
    private int length;
    private int reads;

    ByteChars(boolean utf8) {
        this.utf8 = utf8;
    }

    void wrap(byte[] bytes, int offset, int size) {
        reads = 0;
        if (chars.length < size) {
            chars = new char[Math.max(size, chars.length * 2)];
        }
        length = 0;
        int end = offset + size;
        for (int k = offset; k < end; ) {
            int b = bytes[k] & 0xff;
            if (!utf8 || b < 0x80) {
                chars[length++] = (char) b;
                k++;
                continue;
            }
            int extra = b >= 0xf0 && b < 0xf8 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : -1;
            int codePoint = b & (0x3f >> Math.max(extra, 0));
            boolean valid = extra > 0 && k + extra < end;
            for (int e = 1; valid && e <= extra; e++) {
                int next = bytes[k + e] & 0xff;
                valid = (next & 0xc0) == 0x80;
                codePoint = codePoint << 6 | (next & 0x3f);
            }
            if (!valid || codePoint > Character.MAX_CODE_POINT) {
                chars[length++] = '\ufffd';
                k++;
                continue;
            }
            length += Character.toChars(codePoint, chars, length);
            k += extra + 1;
        }
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (++reads > READ_LIMIT) {
            throw LimitReached.INSTANCE;
        }
        return chars[index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new String(chars, start, end - start);
    }

    @Override
    public String toString() {
        return new String(chars, 0, length);
    }
}
