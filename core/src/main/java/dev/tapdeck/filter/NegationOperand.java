package dev.tapdeck.filter;

import dev.tapdeck.decode.field.FieldSource;
import dev.tapdeck.decode.field.FieldValues;

/** {@code -x}: each value negated, as a signed number. */
final class NegationOperand extends Operand {
    private final Operand operand;
    private final FieldValues values = new FieldValues();

    NegationOperand(Operand operand) {
        super(operand.type, true);
        this.operand = operand;
    }

    @Override
    FieldValues load(FieldSource packet) {
        values.clear();
        FieldValues in = operand.load(packet);
        for (int i = 0, n = in.count(); i < n; i++) {
            values.addNumber(-in.number(i));
        }
        return values;
    }
}
