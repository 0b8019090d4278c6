package dev.tapdeck.filter;

import dev.tapdeck.decode.field.FieldSource;
import dev.tapdeck.decode.field.FieldValues;

/**
 * {@code left contains right}: some value of the left holds some value of the right as a run
 * of bytes; with {@code all} before it, every value of the left does.
 */
final class Contains extends Condition {
    private final Operand left;
    private final Operand right;
    private final boolean everyValue;

    Contains(Operand left, Operand right, boolean everyValue) {
        this.left = left;
        this.right = right;
        this.everyValue = everyValue;
    }

    @Override
    boolean holds(FieldSource packet) {
        FieldValues a = left.load(packet);
        if (a.isEmpty()) {
            return false;
        }
        FieldValues b = right.load(packet);
        for (int i = 0, n = a.count(); i < n; i++) {
            if (holdsAny(a, i, b) != everyValue) {
                return !everyValue;
            }
        }
        return everyValue;
    }

    private static boolean holdsAny(FieldValues a, int i, FieldValues b) {
        if (!a.hasBytes(i)) {
            return false;
        }
        for (int j = 0, m = b.count(); j < m; j++) {
            if (b.hasBytes(j) && contains(a.array(i), a.offset(i), a.length(i), b.array(j), b.offset(j), b.length(j))) {
                return true;
            }
        }
        return false;
    }

    static boolean contains(byte[] hay, int from, int length, byte[] needle, int at, int size) {
        if (size == 0) {
            return true;
        }
        byte first = needle[at];
        for (int k = from, last = from + length - size; k <= last; k++) {
            if (hay[k] == first && java.util.Arrays.equals(hay, k, k + size, needle, at, at + size)) {
                return true;
            }
        }
        return false;
    }
}
