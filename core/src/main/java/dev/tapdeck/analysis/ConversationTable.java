package dev.tapdeck.analysis;

import dev.tapdeck.decode.Dissection;

import java.util.ArrayList;
import java.util.List;

/**
 * Conversations keyed by the bidirectional 5-tuple (protocol, two address/port ends), with
 * packet and byte counts and first/last time. An open-addressing table over primitive
 * arrays: counting a packet allocates nothing; the table only grows, by doubling, up to
 * {@link #MAX_CAPACITY} slots, and counts the packets of conversations it had no room for.
 */
public final class ConversationTable {
    /** 2^20 slots keep the table under about 70 MB at most. */
    static final int MAX_CAPACITY = 1 << 20;
    private static final int KEY_LONGS = 5;
    /** IPv4 addresses are kept as IPv4-mapped IPv6 (RFC 4291 §2.5.5.2) so one key shape fits both. */
    private static final long IPV4_MAPPED = 0xffff_0000_0000L;

    private long[] keys;
    private long[] packets;
    private long[] bytes;
    private long[] firstSeen;
    private long[] lastSeen;
    private int mask;
    private int size;
    private long untrackedPackets;

    public ConversationTable() {
        allocate(4096);
    }

    private void allocate(int capacity) {
        keys = new long[capacity * KEY_LONGS];
        packets = new long[capacity];
        bytes = new long[capacity];
        firstSeen = new long[capacity];
        lastSeen = new long[capacity];
        mask = capacity - 1;
    }

    /**
     * Counts a decoded packet in its conversation. Packets without IP addresses, or whose
     * transport header is missing, count under protocol and addresses with ports 0.
     *
     * @param timeNanos packet time in nanoseconds since the epoch
     */
    public void add(Dissection d, long timeNanos) {
        long aHigh, aLow, bHigh, bLow;
        int protocol;
        if (d.ipVersion() == 4 && d.ipv4.isComplete()) {
            aHigh = 0;
            aLow = IPV4_MAPPED | (d.ipv4.source() & 0xffff_ffffL);
            bHigh = 0;
            bLow = IPV4_MAPPED | (d.ipv4.destination() & 0xffff_ffffL);
            protocol = d.ipv4.protocol();
        } else if (d.ipv6.present()) {
            aHigh = d.ipv6.sourceHigh64();
            aLow = d.ipv6.sourceLow64();
            bHigh = d.ipv6.destinationHigh64();
            bLow = d.ipv6.destinationLow64();
            protocol = d.tcp.present() ? 6 : d.udp.present() ? 17 : d.icmpv6.present() ? 58 : d.ipv6.nextHeader();
        } else {
            return;
        }
        int aPort = 0;
        int bPort = 0;
        if (d.tcp.present()) {
            aPort = d.tcp.sourcePort();
            bPort = d.tcp.destinationPort();
        } else if (d.udp.present()) {
            aPort = d.udp.sourcePort();
            bPort = d.udp.destinationPort();
        }
        // One key for both directions: the lower (address, port) end first.
        int order = Long.compareUnsigned(aHigh, bHigh);
        if (order == 0) {
            order = Long.compareUnsigned(aLow, bLow);
        }
        if (order > 0 || (order == 0 && aPort > bPort)) {
            long t = aHigh; aHigh = bHigh; bHigh = t;
            t = aLow; aLow = bLow; bLow = t;
            int p = aPort; aPort = bPort; bPort = p;
        }
        long meta = ((long) protocol << 32) | ((long) aPort << 16) | bPort;
        count(aHigh, aLow, bHigh, bLow, meta, d.frameLength(), timeNanos);
    }

    private void count(long aHigh, long aLow, long bHigh, long bLow, long meta, int length, long timeNanos) {
        int slot = (int) mix(aHigh ^ mix(aLow ^ mix(bHigh ^ mix(bLow ^ mix(meta))))) & mask;
        while (packets[slot] != 0) {
            int k = slot * KEY_LONGS;
            if (keys[k] == aHigh && keys[k + 1] == aLow && keys[k + 2] == bHigh && keys[k + 3] == bLow && keys[k + 4] == meta) {
                packets[slot]++;
                bytes[slot] += length;
                lastSeen[slot] = Math.max(lastSeen[slot], timeNanos);
                return;
            }
            slot = (slot + 1) & mask;
        }
        if (size + 1 > (mask + 1) * 3 / 5) {
            if (mask + 1 >= MAX_CAPACITY) {
                untrackedPackets++;
                return;
            }
            grow();
            count(aHigh, aLow, bHigh, bLow, meta, length, timeNanos);
            return;
        }
        int k = slot * KEY_LONGS;
        keys[k] = aHigh;
        keys[k + 1] = aLow;
        keys[k + 2] = bHigh;
        keys[k + 3] = bLow;
        keys[k + 4] = meta;
        packets[slot] = 1;
        bytes[slot] = length;
        firstSeen[slot] = timeNanos;
        lastSeen[slot] = timeNanos;
        size++;
    }

    private void grow() {
        long[] oldKeys = keys, oldPackets = packets, oldBytes = bytes, oldFirst = firstSeen, oldLast = lastSeen;
        allocate((mask + 1) * 2);
        for (int slot = 0; slot < oldPackets.length; slot++) {
            if (oldPackets[slot] == 0) {
                continue;
            }
            int k = slot * KEY_LONGS;
            int to = (int) mix(oldKeys[k] ^ mix(oldKeys[k + 1] ^ mix(oldKeys[k + 2] ^ mix(oldKeys[k + 3] ^ mix(oldKeys[k + 4]))))) & mask;
            while (packets[to] != 0) {
                to = (to + 1) & mask;
            }
            System.arraycopy(oldKeys, k, keys, to * KEY_LONGS, KEY_LONGS);
            packets[to] = oldPackets[slot];
            bytes[to] = oldBytes[slot];
            firstSeen[to] = oldFirst[slot];
            lastSeen[to] = oldLast[slot];
        }
    }

    /** MurmurHash3's 64-bit finaliser: spreads every key bit over the slot index. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** Number of distinct conversations seen. */
    public int size() { return size; }

    /** Packets not counted because the table was full. */
    public long untrackedPackets() { return untrackedPackets; }

    /**
     * The {@code limit} conversations with the most bytes (then packets), largest first.
     * Picks the winners over the primitive arrays and builds objects only for them: a
     * capture can hold a million conversations, and a report wants ten.
     */
    public List<Conversation> top(int limit) {
        int[] best = new int[Math.max(0, Math.min(limit, size))];
        int count = 0;
        for (int slot = 0; slot < packets.length; slot++) {
            if (packets[slot] == 0 || best.length == 0) {
                continue;
            }
            if (count < best.length) {
                count++;
            } else if (!ranksAbove(slot, best[count - 1])) {
                continue;
            }
            // Insertion into the short sorted list; the last entry falls off when it is full.
            int at = count - 1;
            while (at > 0 && ranksAbove(slot, best[at - 1])) {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = slot;
        }
        List<Conversation> top = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            top.add(conversationAt(best[i]));
        }
        return top;
    }

    private boolean ranksAbove(int slot, int other) {
        return bytes[slot] != bytes[other] ? bytes[slot] > bytes[other] : packets[slot] > packets[other];
    }

    private Conversation conversationAt(int slot) {
        int k = slot * KEY_LONGS;
        long meta = keys[k + 4];
        return new Conversation((int) (meta >>> 32),
                Conversation.address(keys[k], keys[k + 1]), (int) (meta >>> 16) & 0xffff,
                Conversation.address(keys[k + 2], keys[k + 3]), (int) meta & 0xffff,
                packets[slot], bytes[slot], firstSeen[slot], lastSeen[slot]);
    }
}
