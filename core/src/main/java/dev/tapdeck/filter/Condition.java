package dev.tapdeck.filter;

import dev.tapdeck.decode.field.FieldSource;
import dev.tapdeck.decode.field.FieldValues;

/** A compiled test: true or false for a packet. The small ones are here, the relations in their own classes. */
abstract class Condition {
    abstract boolean holds(FieldSource packet);

    /** {@code a && b && ...}: true when every term is, looked at in order until one is not. */
    static final class All extends Condition {
        private final Condition[] terms;

        All(Condition[] terms) {
            this.terms = terms;
        }

        @Override
        boolean holds(FieldSource packet) {
            for (Condition term : terms) {
                if (!term.holds(packet)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** {@code a || b || ...}: true when some term is, looked at in order until one is. */
    static final class Any extends Condition {
        private final Condition[] terms;

        Any(Condition[] terms) {
            this.terms = terms;
        }

        @Override
        boolean holds(FieldSource packet) {
            for (Condition term : terms) {
                if (term.holds(packet)) {
                    return true;
                }
            }
            return false;
        }
    }

    static final class Not extends Condition {
        private final Condition operand;

        Not(Condition operand) {
            this.operand = operand;
        }

        @Override
        boolean holds(FieldSource packet) {
            return !operand.holds(packet);
        }
    }

    /** A field or slice standing alone: true when it has at least one value. */
    static final class Exists extends Condition {
        private final Operand operand;

        Exists(Operand operand) {
            this.operand = operand;
        }

        @Override
        boolean holds(FieldSource packet) {
            return !operand.load(packet).isEmpty();
        }
    }

    /** Arithmetic standing alone ({@code tcp.flags & 0x02}): true when a result is not zero. */
    static final class NonZero extends Condition {
        private final Operand operand;

        NonZero(Operand operand) {
            this.operand = operand;
        }

        @Override
        boolean holds(FieldSource packet) {
            FieldValues values = operand.load(packet);
            for (int i = 0, n = values.count(); i < n; i++) {
                if (values.hasBytes(i) ? hasNonZeroByte(values, i) : values.number(i) != 0) {
                    return true;
                }
            }
            return false;
        }

        private static boolean hasNonZeroByte(FieldValues values, int i) {
            for (int k = 0, n = values.length(i); k < n; k++) {
                if (values.byteAt(i, k) != 0) {
                    return true;
                }
            }
            return false;
        }
    }
}
