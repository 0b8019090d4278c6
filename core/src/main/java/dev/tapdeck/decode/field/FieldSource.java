package dev.tapdeck.decode.field;

/**
 * Where a display filter or a {@code -e} column reads field values from: a decoded packet
 * ({@link PacketFields}), or anything else that can say which values of a field it has.
 */
public interface FieldSource {
    /** Replaces {@code out}'s contents with every occurrence of {@code field}, in packet order. */
    void collect(FieldDef field, FieldValues out);
}
