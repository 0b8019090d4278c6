package dev.tapdeck.generate;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Network byte order (RFC 1700 "Data Notations") reads and writes on a byte array. */
final class BigEndian {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private BigEndian() {}

    static void put16(byte[] bytes, int offset, int value) {
        SHORT.set(bytes, offset, (short) value);
    }

    /** A 24-bit length, as TLS handshake headers carry (RFC 8446 §4). */
    static void put24(byte[] bytes, int offset, int value) {
        bytes[offset] = (byte) (value >>> 16);
        SHORT.set(bytes, offset + 1, (short) value);
    }

    static void put32(byte[] bytes, int offset, int value) {
        INT.set(bytes, offset, value);
    }

    /** A 48-bit MAC address held in the low bits of a long. */
    static void put48(byte[] bytes, int offset, long value) {
        SHORT.set(bytes, offset, (short) (value >>> 32));
        INT.set(bytes, offset + 2, (int) value);
    }

    static void put64(byte[] bytes, int offset, long value) {
        LONG.set(bytes, offset, value);
    }

    static int get16(byte[] bytes, int offset) {
        return Short.toUnsignedInt((short) SHORT.get(bytes, offset));
    }

    static long get32(byte[] bytes, int offset) {
        return Integer.toUnsignedLong((int) INT.get(bytes, offset));
    }

    static long get64(byte[] bytes, int offset) {
        return (long) LONG.get(bytes, offset);
    }
}
