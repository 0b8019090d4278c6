package dev.tapdeck.analysis;

import dev.tapdeck.decode.Dissection;

/**
 * One anomaly detector. It sees every packet after the flow table has counted it, in packet
 * time, and raises its alerts through the {@link AlertLog} it was made with. Accepting a
 * packet allocates nothing unless the detector fires.
 */
interface Detector {

    void accept(PacketFacts packet, Dissection d);

    /** Packet time moved to {@code nowNanos} with no packet: close what is due. */
    default void tick(long nowNanos) {
    }
}
