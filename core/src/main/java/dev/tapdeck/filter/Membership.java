package dev.tapdeck.filter;

import dev.tapdeck.decode.field.FieldSource;
import dev.tapdeck.decode.field.FieldValues;

/**
 * {@code x in {a, b..c}}: some value of {@code x} (with {@code all} before it, every value)
 * equals a member, or lies within a range member, both ends included. {@code x} is read once
 * for the whole set.
 */
final class Membership extends Condition {
    private final Operand operand;
    private final Family family;
    private final Operand[] lows;
    /** For a range member its upper end, else null. */
    private final Operand[] highs;
    /** For a member that is an address in CIDR notation, its prefix; else {@link Constant#WHOLE}. */
    private final int[] prefixes;
    private final boolean everyValue;

    Membership(Operand operand, Operand[] lows, Operand[] highs, boolean everyValue) {
        this.everyValue = everyValue;
        this.operand = operand;
        this.family = Family.of(operand.type);
        this.lows = lows;
        this.highs = highs;
        this.prefixes = new int[lows.length];
        for (int m = 0; m < lows.length; m++) {
            prefixes[m] = lows[m] instanceof Constant c ? c.prefix : Constant.WHOLE;
        }
    }

    @Override
    boolean holds(FieldSource packet) {
        FieldValues x = operand.load(packet);
        if (x.isEmpty()) {
            return false;
        }
        for (int i = 0, n = x.count(); i < n; i++) {
            if (isMember(x, i, packet) != everyValue) {
                return !everyValue;
            }
        }
        return everyValue;
    }

    private boolean isMember(FieldValues x, int i, FieldSource packet) {
        for (int m = 0; m < lows.length; m++) {
            Operand low = lows[m];
            FieldValues lowValues = low.load(packet);
            if (highs[m] == null) {
                if (equalsAny(x, i, low, lowValues, prefixes[m])) {
                    return true;
                }
            } else if (within(x, i, low, lowValues, highs[m], highs[m].load(packet))) {
                return true;
            }
        }
        return false;
    }

    private boolean equalsAny(FieldValues x, int i, Operand low, FieldValues values, int prefix) {
        for (int j = 0, m = values.count(); j < m; j++) {
            if (family.compare(x, i, operand.signed, values, j, low.signed, prefix) == 0) {
                return true;
            }
        }
        return false;
    }

    private boolean within(FieldValues x, int i, Operand low, FieldValues lowValues, Operand high, FieldValues highValues) {
        for (int j = 0, m = lowValues.count(); j < m; j++) {
            if (family.compare(x, i, operand.signed, lowValues, j, low.signed, Constant.WHOLE) < 0) {
                continue;
            }
            for (int k = 0, h = highValues.count(); k < h; k++) {
                if (family.compare(x, i, operand.signed, highValues, k, high.signed, Constant.WHOLE) <= 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
