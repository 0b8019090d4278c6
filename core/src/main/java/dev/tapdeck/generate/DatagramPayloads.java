package dev.tapdeck.generate;

import java.nio.ByteBuffer;

/**
 * Payloads for the UDP datagrams a {@link TrafficSender} sends: each starts with the
 * datagram's sequence number as 8 big-endian bytes, so that a capture can check that none
 * went missing or out of order, and goes on like the UDP traffic of a busy host. About half
 * are DNS queries (RFC 1035 §4.1), which are small; a third are mid-sized, like voice, game
 * or telemetry packets; the rest are 1,200 bytes, the size QUIC pads its first datagrams to
 * (RFC 9000 §14.1).
 *
 * <p>A fixed set of payloads is made once from the seed and then drawn from, so that sending
 * one copies nothing and allocates nothing.
 */
final class DatagramPayloads {
    static final int SEQUENCE_BYTES = 8;
    static final int LARGEST = 1200;
    private static final int PAYLOADS = 256;

    /** All payloads one after the other; sending one is a position and a limit on it. */
    private final ByteBuffer block = ByteBuffer.allocateDirect(PAYLOADS * LARGEST);
    private final int[] starts = new int[PAYLOADS];
    private final int[] lengths = new int[PAYLOADS];
    private final SplitMix64 random;

    DatagramPayloads(long seed) {
        random = new SplitMix64(seed);
        AddressPlan names = new AddressPlan(random, 0.0);
        byte[] payload = new byte[LARGEST];
        int start = 0;
        for (int i = 0; i < PAYLOADS; i++) {
            int roll = random.nextInt(100);
            int length;
            if (roll < 50) {
                int type = random.chance(0.6) ? DnsMessages.TYPE_A : DnsMessages.TYPE_AAAA;
                length = SEQUENCE_BYTES + DnsMessages.writeQuery(payload, SEQUENCE_BYTES, random.nextInt(0x10000),
                        names.domain(random), type);
            } else {
                length = roll < 85 ? (int) Math.clamp(random.logNormal(5.3, 0.6), 48, LARGEST) : LARGEST;
                random.nextBytes(payload, SEQUENCE_BYTES, length - SEQUENCE_BYTES);
            }
            block.put(start, payload, 0, length);
            starts[i] = start;
            lengths[i] = length;
            start += length;
        }
    }

    /**
     * The next payload, carrying {@code sequence}, as the remaining bytes of a buffer that
     * stays valid until the next call.
     */
    ByteBuffer next(long sequence) {
        int i = random.nextInt(PAYLOADS);
        block.limit(starts[i] + lengths[i]).position(starts[i]);
        block.putLong(starts[i], sequence);
        return block;
    }
}
