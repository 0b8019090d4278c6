package dev.tapdeck.filter;

import dev.tapdeck.decode.field.FieldDef;
import dev.tapdeck.decode.field.FieldSource;
import dev.tapdeck.decode.field.FieldValues;

/** A field's occurrences in the packet, each read into this operand's own buffer. */
final class FieldOperand extends Operand {
    final FieldDef field;
    private final FieldValues values = new FieldValues();

    FieldOperand(FieldDef field) {
        super(field.type());
        this.field = field;
    }

    @Override
    FieldValues load(FieldSource packet) {
        packet.collect(field, values);
        return values;
    }
}
