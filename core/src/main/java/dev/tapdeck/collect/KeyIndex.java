package dev.tapdeck.collect;

import java.util.Arrays;

/**
 * A hash index from keys of up to five longs to entry numbers, for the per-packet tables of
 * the analysis (flows, hosts, scan pairs) and of the stream tracker. Open addressing with
 * linear probing; removal shifts the probe run back (Knuth 6.4, algorithm R), so there are no
 * tombstones. Entry numbers stay put while the entry lives, so callers keep their values in
 * their own arrays indexed by entry number, sized to {@link #entryCapacity()}.
 *
 * <p>A slot is one long: the low 32 bits of its key's hash and its entry. The keys themselves
 * are kept by entry number. A lookup lands on a random slot, so the slots are kept small (a
 * table of 100,000 five-long keys probes 2 MB of slots, where slots holding the keys would
 * make 10 MB) and a key is read only when its hash matches; entries are handed out in order, so the keys of the
 * conversations active at one time lie close together, as the callers' values do.
 *
 * <p>Starts small and doubles up to room for {@code maxEntries}; past that, {@link #add}
 * refuses. Growing allocates; finding, adding into room and removing do not.
 */
public final class KeyIndex {
    private static final int INITIAL_ENTRIES = 1024;
    private static final long EMPTY = -1;

    private final int keyLongs;
    private final int maxEntries;
    /** Per slot: the key's hash in the upper 32 bits, its entry in the lower; {@link #EMPTY} for none. */
    private long[] slots;
    /** Per entry: its key, {@link #keyLongs} longs. */
    private long[] keys;
    /** Per entry: the slot holding it, or -1 when the entry is free. */
    private int[] entrySlot;
    private int[] nextFree;
    private int freeHead = -1;
    private int highWater;
    private int size;
    private int mask;

    public KeyIndex(int keyLongs, int maxEntries) {
        if (keyLongs < 1 || keyLongs > 5 || maxEntries < 1) {
            throw new IllegalArgumentException("keyLongs 1..5 and maxEntries >= 1, not " + keyLongs + " and " + maxEntries);
        }
        this.keyLongs = keyLongs;
        this.maxEntries = maxEntries;
        allocate(Math.min(INITIAL_ENTRIES, maxEntries));
    }

    private void allocate(int entries) {
        int count = Integer.highestOneBit(Math.max(entries * 2 - 1, 1)) << 1;
        slots = new long[count];
        Arrays.fill(slots, EMPTY);
        mask = count - 1;
        int old = entrySlot == null ? 0 : entrySlot.length;
        keys = keys == null ? new long[entries * keyLongs] : Arrays.copyOf(keys, entries * keyLongs);
        entrySlot = entrySlot == null ? new int[entries] : Arrays.copyOf(entrySlot, entries);
        nextFree = nextFree == null ? new int[entries] : Arrays.copyOf(nextFree, entries);
        Arrays.fill(entrySlot, old, entries, -1);
    }

    /** Entry numbers are below this; callers size their value arrays to it. */
    public int entryCapacity() { return entrySlot.length; }

    public int size() { return size; }

    /** Entry numbers below this have been used; a sweep need look no further. */
    public int highWater() { return highWater; }

    public boolean inUse(int entry) { return entrySlot[entry] >= 0; }

    public long key(int entry, int index) { return keys[entry * keyLongs + index]; }

    /** The entry holding the key, or -1. Unused key longs must be passed as 0. */
    public int find(long k0, long k1, long k2, long k3, long k4) {
        int hash = (int) hash(k0, k1, k2, k3, k4);
        int slot = hash & mask;
        while (true) {
            long held = slots[slot];
            if (held == EMPTY) {
                return -1;
            }
            if ((int) (held >>> 32) == hash && matches((int) held, k0, k1, k2, k3, k4)) {
                return (int) held;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Adds a key that {@link #find} did not find; returns its entry, or -1 when the index is full. */
    public int add(long k0, long k1, long k2, long k3, long k4) {
        if (size == maxEntries) {
            return -1;
        }
        if (size == entrySlot.length) {
            grow();
        }
        int hash = (int) hash(k0, k1, k2, k3, k4);
        int slot = hash & mask;
        while (slots[slot] != EMPTY) {
            slot = (slot + 1) & mask;
        }
        int entry;
        if (freeHead >= 0) {
            entry = freeHead;
            freeHead = nextFree[entry];
        } else {
            entry = highWater++;
        }
        int k = entry * keyLongs;
        keys[k] = k0;
        if (keyLongs > 1) keys[k + 1] = k1;
        if (keyLongs > 2) keys[k + 2] = k2;
        if (keyLongs > 3) keys[k + 3] = k3;
        if (keyLongs > 4) keys[k + 4] = k4;
        slots[slot] = (long) hash << 32 | entry;
        entrySlot[entry] = slot;
        size++;
        return entry;
    }

    public void remove(int entry) {
        int hole = entrySlot[entry];
        entrySlot[entry] = -1;
        nextFree[entry] = freeHead;
        freeHead = entry;
        size--;
        // Backward shift: move later members of the probe run into the hole when their home allows.
        int slot = hole;
        while (true) {
            slot = (slot + 1) & mask;
            long moving = slots[slot];
            if (moving == EMPTY) {
                break;
            }
            int home = (int) (moving >>> 32) & mask;
            boolean between = hole <= slot ? hole < home && home <= slot : hole < home || home <= slot;
            if (!between) {
                slots[hole] = moving;
                entrySlot[(int) moving] = hole;
                hole = slot;
            }
        }
        slots[hole] = EMPTY;
    }

    /** Forgets every key; keeps the arrays. */
    public void clear() {
        Arrays.fill(slots, EMPTY);
        Arrays.fill(entrySlot, -1);
        freeHead = -1;
        highWater = 0;
        size = 0;
    }

    private void grow() {
        long[] old = slots;
        allocate(Math.min(entrySlot.length * 2, maxEntries));
        for (long held : old) {
            if (held == EMPTY) {
                continue;
            }
            int slot = (int) (held >>> 32) & mask;
            while (slots[slot] != EMPTY) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = held;
            entrySlot[(int) held] = slot;
        }
    }

    private boolean matches(int entry, long k0, long k1, long k2, long k3, long k4) {
        int k = entry * keyLongs;
        return keys[k] == k0
                && (keyLongs < 2 || keys[k + 1] == k1)
                && (keyLongs < 3 || keys[k + 2] == k2)
                && (keyLongs < 4 || keys[k + 3] == k3)
                && (keyLongs < 5 || keys[k + 4] == k4);
    }

    /** Each key long times its own odd constant (the products are independent, so they overlap), then one finaliser. */
    public static long hash(long k0, long k1, long k2, long k3, long k4) {
        return mix(k0 * 0x9e3779b97f4a7c15L ^ k1 * 0xc2b2ae3d27d4eb4fL ^ k2 * 0x165667b19e3779f9L
                ^ k3 * 0xd6e8feb86659fd93L ^ k4 * 0xff51afd7ed558ccdL);
    }

    /** MurmurHash3's 64-bit finaliser: spreads every key bit over the slot index. */
    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
