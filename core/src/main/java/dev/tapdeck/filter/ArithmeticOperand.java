package dev.tapdeck.filter;

import dev.tapdeck.decode.field.FieldSource;
import dev.tapdeck.decode.field.FieldType;
import dev.tapdeck.decode.field.FieldValues;

/**
 * {@code a & b}, {@code a + b}, {@code a - b}, {@code a * b}, {@code a / b}, {@code a % b}:
 * one result for every pair of values, as Wireshark computes a binary operation over two lists
 * of values; a pair that divides by zero gives none. Numbers are 64 bits wide, signed when
 * either side is; {@code &} of byte strings ands them over the shorter one's length.
 */
final class ArithmeticOperand extends Operand {
    enum Operator {
        AND("&"), ADD("+"), SUBTRACT("-"), MULTIPLY("*"), DIVIDE("/"), MODULO("%");

        final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }
    }

    private final Operator operator;
    private final Operand left;
    private final Operand right;
    private final boolean onBytes;
    private final FieldValues values = new FieldValues();
    private final BytePool pool = new BytePool();

    ArithmeticOperand(Operator operator, Operand left, Operand right) {
        super(left.type, left.signed || right.signed);
        this.operator = operator;
        this.left = left;
        this.right = right;
        this.onBytes = !left.type.isNumeric() && left.type != FieldType.IPV4;
    }

    @Override
    FieldValues load(FieldSource packet) {
        values.clear();
        pool.clear();
        FieldValues a = left.load(packet);
        if (a.isEmpty()) {
            return values;
        }
        FieldValues b = right.load(packet);
        for (int i = 0, n = a.count(); i < n; i++) {
            for (int j = 0, m = b.count(); j < m; j++) {
                if (onBytes) {
                    andBytes(a, i, b, j);
                } else {
                    compute(a.number(i), b.number(j));
                }
            }
        }
        return values;
    }

    private void compute(long x, long y) {
        switch (operator) {
            case AND -> values.addNumber(x & y);
            case ADD -> values.addNumber(x + y);
            case SUBTRACT -> values.addNumber(x - y);
            case MULTIPLY -> values.addNumber(x * y);
            case DIVIDE -> {
                if (y != 0) {
                    values.addNumber(signed ? x / y : Long.divideUnsigned(x, y));
                }
            }
            case MODULO -> {
                if (y != 0) {
                    values.addNumber(signed ? x % y : Long.remainderUnsigned(x, y));
                }
            }
        }
    }

    private void andBytes(FieldValues a, int i, FieldValues b, int j) {
        if (!a.hasBytes(i) || !b.hasBytes(j)) {
            return;
        }
        int length = Math.min(a.length(i), b.length(j));
        int at = pool.reserve(length);
        byte[] out = pool.array();
        for (int k = 0; k < length; k++) {
            out[at + k] = (byte) (a.byteAt(i, k) & b.byteAt(j, k));
        }
        values.addBytes(out, at, length);
    }
}
