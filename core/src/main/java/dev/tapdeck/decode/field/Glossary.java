package dev.tapdeck.decode.field;

/**
 * The registry as {@code tshark -G fields} prints Wireshark's: a protocol as
 * {@code P<tab>label<tab>name}, a field as {@code F<tab>label<tab>name<tab>FT_TYPE<tab>protocol
 * <tab>display<tab>bitmask<tab>description}, where the display is an integer's {@code BASE_}
 * name, a flag's word width in bits, or empty for the other types.
 */
public final class Glossary {
    private Glossary() {
    }

    /** The line {@code tshark -G fields} prints for {@code field}, without a line end. */
    public static String line(FieldDef field) {
        if (field.type() == FieldType.PROTOCOL) {
            return "P\t" + field.label() + "\t" + field.name();
        }
        return String.join("\t", "F", field.label(), field.name(), field.type().wiresharkName(), field.protocol(),
                display(field), "0x" + Long.toHexString(field.bitmask()), field.description());
    }

    private static String display(FieldDef field) {
        FieldType type = field.type();
        if (type == FieldType.BOOLEAN) {
            return Integer.toString(field.flagWordBits());
        }
        // A frame number is an integer to filters, but Wireshark lists no base for it.
        return type.isInteger() && type != FieldType.FRAMENUM ? field.display().wiresharkName() : "";
    }
}
