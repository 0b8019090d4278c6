package dev.tapdeck.collect;

import java.util.Arrays;

/**
 * A hash index from keys of up to five longs to entry numbers, for the per-packet tables of
 * the analysis (flows, hosts, scan pairs). Open addressing with linear probing over primitive
 * arrays; removal shifts the probe run back (Knuth 6.4, algorithm R), so there are no
 * tombstones. Entry numbers stay put while the entry lives, so callers keep their values in
 * their own arrays indexed by entry number, sized to {@link #entryCapacity()}.
 *
 * <p>Starts small and doubles up to room for {@code maxEntries}; past that, {@link #add}
 * refuses. Growing allocates; finding, adding into room and removing do not.
 */
public final class KeyIndex {
    private static final int INITIAL_ENTRIES = 1024;

    private final int keyLongs;
    private final int maxEntries;
    private long[] keys;
    /** Per slot: the entry it holds, or -1. */
    private int[] slotEntry;
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
        int slots = Integer.highestOneBit(Math.max(entries * 2 - 1, 1)) << 1;
        keys = new long[slots * keyLongs];
        slotEntry = new int[slots];
        Arrays.fill(slotEntry, -1);
        mask = slots - 1;
        int old = entrySlot == null ? 0 : entrySlot.length;
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

    public long key(int entry, int index) { return keys[entrySlot[entry] * keyLongs + index]; }

    /** The entry holding the key, or -1. Unused key longs must be passed as 0. */
    public int find(long k0, long k1, long k2, long k3, long k4) {
        int slot = slotOf(k0, k1, k2, k3, k4);
        while (true) {
            int entry = slotEntry[slot];
            if (entry < 0) {
                return -1;
            }
            if (matches(slot, k0, k1, k2, k3, k4)) {
                return entry;
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
        int slot = slotOf(k0, k1, k2, k3, k4);
        while (slotEntry[slot] >= 0) {
            slot = (slot + 1) & mask;
        }
        int entry;
        if (freeHead >= 0) {
            entry = freeHead;
            freeHead = nextFree[entry];
        } else {
            entry = highWater++;
        }
        int k = slot * keyLongs;
        keys[k] = k0;
        if (keyLongs > 1) keys[k + 1] = k1;
        if (keyLongs > 2) keys[k + 2] = k2;
        if (keyLongs > 3) keys[k + 3] = k3;
        if (keyLongs > 4) keys[k + 4] = k4;
        slotEntry[slot] = entry;
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
            int moving = slotEntry[slot];
            if (moving < 0) {
                break;
            }
            int home = homeOf(slot);
            boolean between = hole <= slot ? hole < home && home <= slot : hole < home || home <= slot;
            if (!between) {
                System.arraycopy(keys, slot * keyLongs, keys, hole * keyLongs, keyLongs);
                slotEntry[hole] = moving;
                entrySlot[moving] = hole;
                hole = slot;
            }
        }
        slotEntry[hole] = -1;
    }

    /** Forgets every key; keeps the arrays. */
    public void clear() {
        Arrays.fill(slotEntry, -1);
        Arrays.fill(entrySlot, -1);
        freeHead = -1;
        highWater = 0;
        size = 0;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldSlotEntry = slotEntry;
        allocate(Math.min(entrySlot.length * 2, maxEntries));
        for (int from = 0; from < oldSlotEntry.length; from++) {
            int entry = oldSlotEntry[from];
            if (entry < 0) {
                continue;
            }
            int k = from * keyLongs;
            int slot = slotOf(oldKeys[k], at(oldKeys, k, 1), at(oldKeys, k, 2), at(oldKeys, k, 3), at(oldKeys, k, 4));
            while (slotEntry[slot] >= 0) {
                slot = (slot + 1) & mask;
            }
            System.arraycopy(oldKeys, k, keys, slot * keyLongs, keyLongs);
            slotEntry[slot] = entry;
            entrySlot[entry] = slot;
        }
    }

    private long at(long[] array, int k, int index) {
        return index < keyLongs ? array[k + index] : 0;
    }

    private int homeOf(int slot) {
        int k = slot * keyLongs;
        return slotOf(keys[k], at(keys, k, 1), at(keys, k, 2), at(keys, k, 3), at(keys, k, 4));
    }

    private boolean matches(int slot, long k0, long k1, long k2, long k3, long k4) {
        int k = slot * keyLongs;
        return keys[k] == k0
                && (keyLongs < 2 || keys[k + 1] == k1)
                && (keyLongs < 3 || keys[k + 2] == k2)
                && (keyLongs < 4 || keys[k + 3] == k3)
                && (keyLongs < 5 || keys[k + 4] == k4);
    }

    private int slotOf(long k0, long k1, long k2, long k3, long k4) {
        return (int) hash(k0, k1, k2, k3, k4) & mask;
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
