package dev.tapdeck.filter;

/**
 * Bytes seen as characters, for a regular expression to run over: decoded from UTF-8 (a
 * string's bytes) or one character per byte (other bytes), into a buffer reused from value to
 * value. A byte that is not valid UTF-8 becomes U+FFFD.
 */
final class ByteChars implements CharSequence {
    private final boolean utf8;
    private char[] chars = new char[256];
    private int length;

    ByteChars(boolean utf8) {
        this.utf8 = utf8;
    }

    void wrap(byte[] bytes, int offset, int size) {
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
