package dev.tapdeck.filter;

import dev.tapdeck.decode.field.FieldType;
import dev.tapdeck.decode.field.FieldValues;

/**
 * How two values of compatible types are ordered: integers and times by value (unsigned
 * unless signed), booleans by truth (any non-zero is true), IPv4 addresses by their 32 bits,
 * everything else (strings, byte strings, MACs, IPv6 addresses, protocols, slices) byte by
 * byte, a shorter value first when it is the other's beginning. An address literal in CIDR
 * notation compares only its prefix.
 */
enum Family {
    NUMBER, BOOLEAN, IPV4, BYTES;

    static Family of(FieldType type) {
        if (type.isInteger() || type == FieldType.RELATIVE_TIME) {
            return NUMBER;
        }
        return switch (type) {
            case BOOLEAN -> BOOLEAN;
            case IPV4 -> IPV4;
            default -> BYTES;
        };
    }

    /** Negative, zero or positive as value {@code i} of {@code a} is below, equal to or above value {@code j} of {@code b}. */
    int compare(FieldValues a, int i, boolean aSigned, FieldValues b, int j, boolean bSigned, int prefix) {
        return switch (this) {
            case NUMBER -> compareNumbers(a.number(i), aSigned, b.number(j), bSigned);
            case BOOLEAN -> Boolean.compare(a.number(i) != 0, b.number(j) != 0);
            case IPV4 -> {
                long mask = prefix == Constant.WHOLE ? 0xffffffffL : 0xffffffffL << (32 - prefix) & 0xffffffffL;
                yield Long.compare(a.number(i) & mask, b.number(j) & mask);
            }
            case BYTES -> compareBytes(a, i, b, j, prefix);
        };
    }

    /** Two 64-bit numbers, each signed or unsigned, by their mathematical value. */
    static int compareNumbers(long a, boolean aSigned, long b, boolean bSigned) {
        if (aSigned && bSigned) {
            return Long.compare(a, b);
        }
        if (aSigned && a < 0) {
            return -1;
        }
        if (bSigned && b < 0) {
            return 1;
        }
        return Long.compareUnsigned(a, b);
    }

    private static int compareBytes(FieldValues a, int i, FieldValues b, int j, int prefix) {
        byte[] x = a.array(i);
        byte[] y = b.array(j);
        int xLength = x == null ? 0 : a.length(i);
        int yLength = y == null ? 0 : b.length(j);
        int xOffset = a.offset(i);
        int yOffset = b.offset(j);
        if (prefix != Constant.WHOLE) {
            return comparePrefix(x, xOffset, xLength, y, yOffset, yLength, prefix);
        }
        int common = Math.min(xLength, yLength);
        int mismatch = common == 0 ? -1 : java.util.Arrays.mismatch(x, xOffset, xOffset + common, y, yOffset, yOffset + common);
        if (mismatch >= 0) {
            return Integer.compare(x[xOffset + mismatch] & 0xff, y[yOffset + mismatch] & 0xff);
        }
        return Integer.compare(xLength, yLength);
    }

    /** The first {@code bits} bits of two byte strings (an IPv6 address against a prefix). */
    private static int comparePrefix(byte[] x, int xOffset, int xLength, byte[] y, int yOffset, int yLength, int bits) {
        for (int k = 0; bits > 0; k++, bits -= 8) {
            int mask = bits >= 8 ? 0xff : 0xff << (8 - bits) & 0xff;
            int xb = k < xLength ? x[xOffset + k] & mask : 0;
            int yb = k < yLength ? y[yOffset + k] & mask : 0;
            if (xb != yb) {
                return Integer.compare(xb, yb);
            }
        }
        return 0;
    }
}
