package dev.tapdeck.filter;

import dev.tapdeck.decode.field.FieldDef;
import dev.tapdeck.decode.field.FieldSource;
import dev.tapdeck.decode.field.FieldValues;

import java.util.List;

/**
 * A field restricted to some of its layers ({@code ip.src#2}, {@code ip.addr#[1-2]}): the
 * occurrences whose ordinal, counted from 1 in packet order, the layer ranges cover. A field
 * occurs once per layer of its protocol, so its n-th occurrence is its n-th layer's; a field
 * that stands for several ({@code ip.addr}) counts each of them on its own.
 */
final class LayerOperand extends Operand {
    private final List<FieldDef> constituents;
    private final List<ByteRange> layers;
    private final FieldValues[] parts;
    private final FieldValues values = new FieldValues();

    LayerOperand(FieldDef field, List<ByteRange> layers) {
        super(field.type());
        this.constituents = field.anyOf().isEmpty() ? List.of(field) : field.anyOf();
        this.layers = layers;
        this.parts = new FieldValues[constituents.size()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = new FieldValues();
        }
    }

    @Override
    FieldValues load(FieldSource packet) {
        values.clear();
        for (int p = 0; p < parts.length; p++) {
            FieldValues part = parts[p];
            packet.collect(constituents.get(p), part);
            int count = part.count();
            for (int i = 0; i < count; i++) {
                if (selected(i + 1, count)) {
                    values.addNumber(part.number(i), part.array(i), part.offset(i), part.length(i));
                }
            }
        }
        return values;
    }

    /** True when layer {@code layer} (1-based) of {@code count} is in one of the ranges; a negative start counts from the last. */
    private boolean selected(int layer, int count) {
        for (int r = 0, n = layers.size(); r < n; r++) {
            ByteRange range = layers.get(r);
            int from = range.start() < 0 ? count + 1 + range.start() : range.start();
            if (layer >= from && (range.toEnd() || layer < from + range.length())) {
                return true;
            }
        }
        return false;
    }
}
