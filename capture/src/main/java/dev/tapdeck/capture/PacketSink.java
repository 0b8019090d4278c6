package dev.tapdeck.capture;

import dev.tapdeck.file.PacketRecord;

/**
 * What consumes captured packets: decoding and printing, recording, later the server. All
 * calls come from the capture's one consumer thread, in order; a slow sink never slows the
 * capture thread, its packets are dropped and counted instead.
 */
public interface PacketSink {

    /** A capture begins on {@code interfaceName} with packets of {@code linkType}. */
    default void started(CaptureSettings settings, int linkType) throws Exception {}

    /** One packet; its bytes are valid only during the call. */
    void accept(PacketRecord packet) throws Exception;

    /** Called at least every 100 ms, packets or not: time to flush what is buffered. */
    default void tick() throws Exception {}

    /** The capture has ended and every packet it queued was accepted; {@code last} has the totals. */
    default void stopped(CaptureStatus last) throws Exception {}
}
