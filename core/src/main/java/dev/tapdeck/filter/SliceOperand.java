package dev.tapdeck.filter;

import dev.tapdeck.decode.field.FieldSource;
import dev.tapdeck.decode.field.FieldType;
import dev.tapdeck.decode.field.FieldValues;

import java.util.List;

/**
 * Bytes cut from each value of another operand ({@code eth.src[0:3]}, {@code frame[0:2,12]}):
 * a value that a range does not fit in gives nothing, as in Wireshark. One range points into
 * the value's own bytes; several are joined in a pool this operand reuses.
 */
final class SliceOperand extends Operand {
    private final Operand source;
    private final ByteRange[] ranges;
    private final FieldValues values = new FieldValues();
    private final BytePool joined = new BytePool();

    SliceOperand(Operand source, List<ByteRange> ranges) {
        super(FieldType.BYTES);
        this.source = source;
        this.ranges = ranges.toArray(ByteRange[]::new);
    }

    @Override
    FieldValues load(FieldSource packet) {
        values.clear();
        joined.clear();
        FieldValues in = source.load(packet);
        for (int i = 0, n = in.count(); i < n; i++) {
            if (!in.hasBytes(i)) {
                continue;
            }
            int size = in.length(i);
            if (ranges.length == 1) {
                int from = ranges[0].from(size);
                if (from >= 0) {
                    values.addBytes(in.array(i), in.offset(i) + from, ranges[0].length(size));
                }
                continue;
            }
            int total = joinedLength(size);
            if (total < 0) {
                continue;
            }
            int start = joined.reserve(total);
            int at = start;
            for (ByteRange range : ranges) {
                int length = range.length(size);
                System.arraycopy(in.array(i), in.offset(i) + range.from(size), joined.array(), at, length);
                at += length;
            }
            values.addBytes(joined.array(), start, total);
        }
        return values;
    }

    /** The length of every range joined, for a value of {@code size} bytes; -1 when one does not fit. */
    private int joinedLength(int size) {
        int total = 0;
        for (ByteRange range : ranges) {
            if (range.from(size) < 0) {
                return -1;
            }
            total += range.length(size);
        }
        return total;
    }
}
