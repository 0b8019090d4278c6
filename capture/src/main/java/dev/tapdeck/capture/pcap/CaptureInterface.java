package dev.tapdeck.capture.pcap;

import java.util.List;

/**
 * A capture device as {@code pcap_findalldevs} lists it.
 *
 * @param linkType the device's link type when it could be opened to ask, else -1
 */
public record CaptureInterface(String name, String description, List<Address> addresses,
                               boolean up, boolean running, boolean loopback, boolean wireless, int linkType) {

    /** One address of the device, in its usual text form, with its netmask when it has one. */
    public record Address(String address, String netmask) {}

    CaptureInterface withLinkType(int value) {
        return new CaptureInterface(name, description, addresses, up, running, loopback, wireless, value);
    }
}
