package dev.tapdeck.filter;

import dev.tapdeck.decode.Addresses;
import dev.tapdeck.decode.field.FieldSource;
import dev.tapdeck.decode.field.FieldType;
import dev.tapdeck.decode.field.FieldValues;

import java.util.List;
import java.util.Locale;

/**
 * The functions of Wireshark 4.0's filters ({@code epan/dfilter/dfunctions.c}): {@code len}
 * (bytes of each value), {@code count} (occurrences, nothing when none), {@code lower} and
 * {@code upper} (ASCII case of strings), {@code string} (a value's text), {@code max} and
 * {@code min} (over all values of all arguments), {@code abs}.
 */
final class FunctionOperand extends Operand {
    enum Function {
        LEN(1, 1), COUNT(1, 1), LOWER(1, 1), UPPER(1, 1), STRING(1, 1), MAX(1, Integer.MAX_VALUE), MIN(1, Integer.MAX_VALUE), ABS(1, 1);

        final int minimumArguments;
        final int maximumArguments;

        Function(int minimumArguments, int maximumArguments) {
            this.minimumArguments = minimumArguments;
            this.maximumArguments = maximumArguments;
        }

        String written() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The function written {@code name}, or null. */
        static Function named(String name) {
            for (Function function : values()) {
                if (function.written().equals(name)) {
                    return function;
                }
            }
            return null;
        }

        FieldType resultType(FieldType argument) {
            return switch (this) {
                case LEN, COUNT -> FieldType.UINT32;
                case LOWER, UPPER, STRING -> FieldType.STRING;
                case MAX, MIN, ABS -> argument;
            };
        }
    }

    private final Function function;
    private final Operand[] arguments;
    private final Family family;
    private final FieldValues values = new FieldValues();
    private final BytePool pool = new BytePool();
    private final StringBuilder text = new StringBuilder(64);

    FunctionOperand(Function function, List<Operand> arguments) {
        super(function.resultType(arguments.getFirst().type),
                function != Function.LEN && function != Function.COUNT && arguments.getFirst().signed);
        this.function = function;
        this.arguments = arguments.toArray(Operand[]::new);
        this.family = Family.of(arguments.getFirst().type);
    }

    @Override
    FieldValues load(FieldSource packet) {
        values.clear();
        pool.clear();
        if (function == Function.MAX || function == Function.MIN) {
            extreme(packet);
            return values;
        }
        Operand argument = arguments[0];
        FieldValues in = argument.load(packet);
        if (function == Function.COUNT) {
            if (!in.isEmpty()) {
                values.addNumber(in.count());
            }
            return values;
        }
        for (int i = 0, n = in.count(); i < n; i++) {
            switch (function) {
                case LEN -> values.addNumber(argument.type.isInteger() ? argument.type.bits() / 8 : in.hasBytes(i) ? in.length(i) : 0);
                case LOWER, UPPER -> changeCase(in, i);
                case STRING -> {
                    text.setLength(0);
                    appendText(argument.type, in, i, text);
                    values.addText(text);
                }
                case ABS -> values.addNumber(argument.signed ? Math.abs(in.number(i)) : in.number(i));
                default -> throw new IllegalStateException(function.name());
            }
        }
        return values;
    }

    private void changeCase(FieldValues in, int i) {
        if (!in.hasBytes(i)) {
            return;
        }
        int length = in.length(i);
        int at = pool.reserve(length);
        byte[] out = pool.array();
        for (int k = 0; k < length; k++) {
            int b = in.byteAt(i, k);
            if (function == Function.LOWER && b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            } else if (function == Function.UPPER && b >= 'a' && b <= 'z') {
                b -= 'a' - 'A';
            }
            out[at + k] = (byte) b;
        }
        values.addBytes(out, at, length);
    }

    /** The largest or smallest value of all the arguments, as the first argument's type orders them. */
    private void extreme(FieldSource packet) {
        FieldValues best = null;
        int bestIndex = -1;
        boolean bestSigned = false;
        for (Operand argument : arguments) {
            FieldValues in = argument.load(packet);
            for (int i = 0, n = in.count(); i < n; i++) {
                if (best != null) {
                    int order = family.compare(in, i, argument.signed, best, bestIndex, bestSigned, Constant.WHOLE);
                    if (function == Function.MAX ? order <= 0 : order >= 0) {
                        continue;
                    }
                }
                best = in;
                bestIndex = i;
                bestSigned = argument.signed;
            }
            if (best == in) {
                // Keep the winner where a later argument's load cannot overwrite it.
                values.clear();
                values.addNumber(in.number(bestIndex), in.array(bestIndex), in.offset(bestIndex), in.length(bestIndex));
                best = values;
                bestIndex = 0;
            }
        }
    }

    /** A value as {@code string()} writes it: integers in decimal, addresses in their usual notation, bytes in hex. */
    private static void appendText(FieldType type, FieldValues in, int i, StringBuilder out) {
        switch (type) {
            case IPV4 -> Addresses.appendIpv4((int) in.number(i), out);
            case ETHER -> Addresses.appendMac(in.number(i), out);
            case IPV6 -> Addresses.appendIpv6(in.array(i), in.offset(i), out);
            case BYTES -> {
                for (int k = 0, n = in.length(i); k < n; k++) {
                    if (k > 0) {
                        out.append(':');
                    }
                    int b = in.byteAt(i, k);
                    out.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xf, 16));
                }
            }
            default -> {
                if (Types.isSignedInteger(type)) {
                    out.append(in.number(i));
                    return;
                }
                long value = in.number(i);
                if (value >= 0) {
                    out.append(value);
                } else {
                    out.append(Long.toUnsignedString(value));
                }
            }
        }
    }

    /** True for the types {@code string()} converts. */
    static boolean convertsToString(FieldType type) {
        return type.isInteger() || type == FieldType.IPV4 || type == FieldType.IPV6 || type == FieldType.ETHER
                || type == FieldType.BYTES;
    }
}
