package dev.tapdeck.decode;

/**
 * The 802.1Q ({@code vlan.id}) and 802.1ad ({@code ieee8021ad.id}) tags of a frame, outermost
 * first; every occurrence is kept, as Wireshark reports them.
 */
public final class VlanTags {
    static final int MAX_TAGS = 8;

    private final int[] vlanIds = new int[MAX_TAGS];
    private final int[] serviceIds = new int[MAX_TAGS];
    private int vlanCount;
    private int serviceCount;

    void clear() {
        vlanCount = 0;
        serviceCount = 0;
    }

    void addVlan(int id) {
        if (vlanCount < MAX_TAGS) {
            vlanIds[vlanCount++] = id;
        }
    }

    void addService(int id) {
        if (serviceCount < MAX_TAGS) {
            serviceIds[serviceCount++] = id;
        }
    }

    public int vlanCount() { return vlanCount; }
    public int vlanId(int index) { return vlanIds[index]; }
    public int serviceCount() { return serviceCount; }
    public int serviceId(int index) { return serviceIds[index]; }
}
