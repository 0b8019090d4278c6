package dev.tapdeck.file;

/**
 * The time unit of one pcapng interface, from its {@code if_tsresol} option (pcapng draft
 * §4.2): 10^-n or 2^-n seconds. Turns the 64-bit count of units in a packet block into
 * seconds and nanoseconds without allocating, and knows how many decimals tshark prints for
 * it.
 */
final class TimestampUnits {
    private static final long[] POWERS_OF_TEN = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
        10_000_000_000L,
    };

    /** The unit of an interface without {@code if_tsresol}; after the table it is built from. */
    static final TimestampUnits MICROSECONDS = fromTsresol(6);

    private enum Kind { DECIMAL_FINE, DECIMAL_COARSE, BINARY, OUT_OF_RANGE }

    private final Kind kind;
    /** Units per second as an unsigned 64-bit value (10^19 does not fit a signed long). */
    private final long unitsPerSecond;
    /** For DECIMAL_COARSE: nanoseconds per unit; for DECIMAL_FINE: units per nanosecond. */
    private final long scale;
    private final int binaryExponent;
    private final int digits;

    private TimestampUnits(Kind kind, long unitsPerSecond, long scale, int binaryExponent) {
        this.kind = kind;
        this.unitsPerSecond = unitsPerSecond;
        this.scale = scale;
        this.binaryExponent = binaryExponent;
        this.digits = digitsFor(unitsPerSecond);
    }

    /** The units of an {@code if_tsresol} byte: top bit set means base 2, else base 10. */
    static TimestampUnits fromTsresol(int tsresol) {
        int exponent = tsresol & 0x7F;
        if ((tsresol & 0x80) != 0) {
            if (exponent >= 64) {
                return outOfRange();
            }
            return new TimestampUnits(Kind.BINARY, 1L << exponent, 0, exponent);
        }
        if (exponent <= 9) {
            return new TimestampUnits(Kind.DECIMAL_COARSE, POWERS_OF_TEN[exponent], POWERS_OF_TEN[9 - exponent], 0);
        }
        if (exponent <= 19) {
            long units = POWERS_OF_TEN[9] * POWERS_OF_TEN[exponent - 9]; // 10^19 wraps to the right unsigned value
            return new TimestampUnits(Kind.DECIMAL_FINE, units, POWERS_OF_TEN[exponent - 9], 0);
        }
        return outOfRange();
    }

    /** Like wiretap, a resolution too fine for 64 bits counts 2^64 - 1 units per second. */
    private static TimestampUnits outOfRange() {
        return new TimestampUnits(Kind.OUT_OF_RANGE, -1L, 0, 0);
    }

    /**
     * Decimals of the time as tshark 4.0 shows it: wiretap's pcapng reader picks the
     * precision from the units per second (at least 10^9 gives 9 digits, 10^6 gives 6,
     * 10^3 gives 3, then 2, 1, 0), so 10^-4 seconds shows 3 decimals and 2^-20 shows 6.
     */
    private static int digitsFor(long unitsPerSecond) {
        if (Long.compareUnsigned(unitsPerSecond, 1_000_000_000L) >= 0) {
            return PacketRecord.NANOSECOND_DIGITS;
        }
        if (unitsPerSecond >= 1_000_000L) {
            return PacketRecord.MICROSECOND_DIGITS;
        }
        if (unitsPerSecond >= 1_000L) {
            return 3;
        }
        if (unitsPerSecond >= 100L) {
            return 2;
        }
        return unitsPerSecond >= 10L ? 1 : 0;
    }

    int digits() {
        return digits;
    }

    /** Sets the timestamp of {@code into} from a count of units since the epoch plus whole seconds of {@code if_tsoffset}. */
    void setTimestamp(PacketRecord into, long units, long offsetSeconds) {
        long seconds;
        long nanos;
        switch (kind) {
            case DECIMAL_COARSE -> {
                seconds = Long.divideUnsigned(units, unitsPerSecond);
                nanos = (units - seconds * unitsPerSecond) * scale;
            }
            case DECIMAL_FINE -> {
                seconds = Long.divideUnsigned(units, unitsPerSecond);
                nanos = Long.divideUnsigned(units - seconds * unitsPerSecond, scale);
            }
            case BINARY -> {
                seconds = units >>> binaryExponent;
                nanos = binaryFractionToNanos(units & (unitsPerSecond - 1));
            }
            default -> {
                seconds = Long.divideUnsigned(units, unitsPerSecond);
                long fraction = Long.remainderUnsigned(units, unitsPerSecond);
                nanos = (long) (unsignedToDouble(fraction) / unsignedToDouble(unitsPerSecond) * 1e9);
            }
        }
        into.timestamp(seconds + offsetSeconds, (int) nanos, digits);
    }

    /** fraction / 2^e seconds in nanoseconds, rounded down, with the product held in 128 bits. */
    private long binaryFractionToNanos(long fraction) {
        if (binaryExponent == 0) {
            return 0;
        }
        long low = fraction * 1_000_000_000L;
        long high = Math.unsignedMultiplyHigh(fraction, 1_000_000_000L);
        return (high << (64 - binaryExponent)) | (low >>> binaryExponent);
    }

    private static double unsignedToDouble(long value) {
        double d = (double) (value & Long.MAX_VALUE);
        return value < 0 ? d + 0x1.0p63 : d;
    }
}
