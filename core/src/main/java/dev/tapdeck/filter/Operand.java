package dev.tapdeck.filter;

import dev.tapdeck.decode.field.FieldSource;
import dev.tapdeck.decode.field.FieldType;
import dev.tapdeck.decode.field.FieldValues;

/**
 * Something a filter tests or compares, evaluated per packet to a list of values (a field's
 * occurrences, their slices, a function's results, a literal's one value), held in a buffer
 * the operand owns and reuses: {@link #load} allocates nothing once the buffers have grown.
 */
abstract class Operand {
    /** Wireshark's type of the values, which decides how literals beside it are read and how values compare. */
    final FieldType type;
    /** True when the numbers are signed (times, negated values), false when unsigned or not numbers. */
    final boolean signed;

    Operand(FieldType type, boolean signed) {
        this.type = type;
        this.signed = signed;
    }

    Operand(FieldType type) {
        this(type, Types.isSigned(type));
    }

    /** This operand's values in {@code packet}; valid until the next call. */
    abstract FieldValues load(FieldSource packet);
}
