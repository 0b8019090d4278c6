package dev.tapdeck.cli;

import dev.tapdeck.decode.field.FieldDef;
import dev.tapdeck.decode.field.FieldRegistry;
import dev.tapdeck.decode.field.FieldText;
import dev.tapdeck.decode.field.FieldValues;
import dev.tapdeck.decode.field.PacketFields;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code -T fields}: the {@code -e} fields of each packet in columns, with tshark's {@code -E}
 * options. Values are printed as {@link FieldText} formats them; a field with several
 * occurrences shows the first, the last or all of them joined by the aggregator; a field the
 * packet lacks is an empty column (unquoted, as tshark leaves it).
 */
final class FieldColumns {
    static final String OPTIONS_HELP = "bom=y|n, header=y|n, separator=/t|/s|C, occurrence=f|l|a, aggregator=,|/s|C, quote=d|s|n";

    enum Occurrence { FIRST, LAST, ALL }

    private static final byte[] UTF8_BOM = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};

    private final List<FieldDef> fields;
    private char separator = '\t';
    private char aggregator = ',';
    /** 0 for none. */
    private char quote;
    private Occurrence occurrence = Occurrence.ALL;
    private boolean header;
    private boolean byteOrderMark;

    private FieldColumns(List<FieldDef> fields) {
        this.fields = fields;
    }

    /**
     * Reads {@code -e} names and {@code -E} options as tshark 4.0 reads them: an option's value
     * is judged by its first character ({@code header=yes} is {@code y}), and a separator or
     * aggregator is one character, {@code /t} a tab, {@code /s} a space.
     *
     * @throws IllegalArgumentException with tshark's message for an unknown field or a bad option
     */
    static FieldColumns parse(List<String> names, List<String> options) {
        List<FieldDef> fields = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            Optional<FieldDef> field = FieldRegistry.lookup(name);
            field.ifPresentOrElse(fields::add, () -> unknown.add(name));
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Some fields aren't valid:\n\t" + String.join("\n\t", unknown));
        }
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("\"-T fields\" was specified, but no fields were specified with \"-e\".");
        }
        FieldColumns columns = new FieldColumns(List.copyOf(fields));
        for (String option : options) {
            columns.set(option);
        }
        return columns;
    }

    private void set(String option) {
        int equals = option.indexOf('=');
        String key = equals < 0 ? option : option.substring(0, equals);
        String value = equals < 0 ? "" : option.substring(equals + 1);
        if (value.isEmpty() || !apply(key, value)) {
            throw new IllegalArgumentException("-E " + option + ": \"" + key
                    + "\" is not a valid field output option=value pair; -E takes " + OPTIONS_HELP);
        }
    }

    /** Sets option {@code key} to {@code value}; false when the key is unknown or the value not one of its own. */
    private boolean apply(String key, String value) {
        char first = value.charAt(0);
        switch (key) {
            case "separator" -> separator = character(value);
            case "aggregator" -> aggregator = character(value);
            case "occurrence" -> {
                if ("fla".indexOf(first) < 0) {
                    return false;
                }
                occurrence = first == 'f' ? Occurrence.FIRST : first == 'l' ? Occurrence.LAST : Occurrence.ALL;
            }
            case "quote" -> {
                if ("dsn".indexOf(first) < 0) {
                    return false;
                }
                quote = first == 'd' ? '"' : first == 's' ? '\'' : 0;
            }
            case "header" -> {
                if (first != 'y' && first != 'n') {
                    return false;
                }
                header = first == 'y';
            }
            case "bom" -> {
                if (first != 'y' && first != 'n') {
                    return false;
                }
                byteOrderMark = first == 'y';
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** {@code /t} a tab, {@code /s} a space, {@code /} and anything else a backslash (as tshark has it), else the first character. */
    private static char character(String value) {
        if (value.charAt(0) != '/') {
            return value.charAt(0);
        }
        return value.length() < 2 ? '\\' : switch (value.charAt(1)) {
            case 't' -> '\t';
            case 's' -> ' ';
            default -> '\\';
        };
    }

    List<FieldDef> fields() {
        return fields;
    }

    /** Printed once before the packets: the byte order mark and the header line, if asked for. */
    void printPreamble(LineOutput out) throws IOException {
        if (byteOrderMark) {
            out.writeBytes(UTF8_BOM, UTF8_BOM.length);
        }
        if (header) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    line.append(separator);
                }
                line.append(fields.get(i).name());
            }
            out.writeLine(line);
        }
    }

    /** A printer of these columns; one per thread. */
    PacketPrinter printer() {
        return new Printer(this);
    }

    private static final class Printer implements PacketPrinter {
        private final FieldColumns columns;
        private final FieldDef[] fields;
        private final FieldValues values = new FieldValues();
        private final StringBuilder line = new StringBuilder(256);

        Printer(FieldColumns columns) {
            this.columns = columns;
            this.fields = columns.fields.toArray(FieldDef[]::new);
        }

        @Override
        public void print(PacketFields packet, LineOutput out) throws IOException {
            line.setLength(0);
            for (int i = 0; i < fields.length; i++) {
                if (i > 0) {
                    line.append(columns.separator);
                }
                appendColumn(packet, fields[i]);
            }
            out.writeLine(line);
        }

        private void appendColumn(PacketFields packet, FieldDef field) {
            packet.collect(field, values);
            int count = values.count();
            if (count == 0) {
                return;
            }
            int from = columns.occurrence == Occurrence.LAST ? count - 1 : 0;
            int to = columns.occurrence == Occurrence.FIRST ? 1 : count;
            if (columns.quote != 0) {
                line.append(columns.quote);
            }
            for (int i = from; i < to; i++) {
                if (i > from) {
                    line.append(columns.aggregator);
                }
                FieldText.append(packet, field, values, i, line);
            }
            if (columns.quote != 0) {
                line.append(columns.quote);
            }
        }
    }
}
