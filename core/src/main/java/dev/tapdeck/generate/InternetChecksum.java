package dev.tapdeck.generate;

/**
 * The Internet checksum of RFC 1071: the one's-complement of the one's-complement sum of
 * 16-bit words. Sums 32-bit words into a long and folds at the end, which is the same sum
 * because 2^16 = 1 modulo 2^16 - 1 (RFC 1071 §2(B), "parallel summation").
 */
final class InternetChecksum {
    private InternetChecksum() {}

    /**
     * Adds {@code length} bytes to {@code sum}. Ranges can be chained; every range except the
     * last must have an even length, so that words stay aligned across them.
     */
    static long add(long sum, byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        for (; i + 8 <= end; i += 8) {
            long eight = BigEndian.get64(bytes, i);
            sum += (eight >>> 32) + (eight & 0xFFFF_FFFFL);
        }
        for (; i + 2 <= end; i += 2) {
            sum += BigEndian.get16(bytes, i);
        }
        if (i < end) {
            sum += (bytes[i] & 0xFF) << 8; // an odd byte is padded with a zero byte on the right
        }
        return sum;
    }

    /** The checksum field value for a sum: folded to 16 bits and complemented. */
    static int finish(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) ~sum & 0xFFFF;
    }
}
