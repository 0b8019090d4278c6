package dev.tapdeck.capture.process;

import dev.tapdeck.analysis.process.ProcessInfo;
import dev.tapdeck.capture.PacketSink;
import dev.tapdeck.file.PacketRecord;

/** A {@link PacketSink} that is told which program each packet belongs to, when that is known. */
public interface OwnedPacketSink extends PacketSink {

    /**
     * One packet of {@code owner}'s; {@code comment} is {@link dev.tapdeck.analysis.process.ProcessComment#format}
     * of it, made once per owner. The bytes are valid only during the call.
     */
    void accept(PacketRecord packet, ProcessInfo owner, String comment) throws Exception;

    @Override
    default void accept(PacketRecord packet) throws Exception {
        accept(packet, null, null);
    }
}
