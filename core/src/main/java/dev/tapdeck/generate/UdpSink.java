package dev.tapdeck.generate;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * A UDP socket that receives and throws away what a {@link TrafficSender} sends when nobody
 * else listens on its port: without one, every datagram would draw an ICMP port unreachable
 * back, doubling the packets on the link and filling the capture with errors.
 */
final class UdpSink implements AutoCloseable {
    /** Enough to ride out the receiving thread's scheduling gaps at high rates; the kernel caps it. */
    private static final int RECEIVE_BUFFER = 4 << 20;

    private final DatagramChannel channel;
    private final Thread receiver;

    private UdpSink(DatagramChannel channel) {
        this.channel = channel;
        this.receiver = Thread.ofPlatform().daemon().name("tapdeck-udp-sink").start(this::discardUntilClosed);
    }

    /** A sink bound to {@code address}, or null when something else already has it. */
    static UdpSink bindIfFree(InetSocketAddress address) throws IOException {
        DatagramChannel channel = TrafficSender.boundIfFree(DatagramChannel.open(TrafficSender.familyOf(address)), unbound -> {
            unbound.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
            unbound.bind(address);
        });
        return channel == null ? null : new UdpSink(channel);
    }

    private void discardUntilClosed() {
        ByteBuffer datagram = ByteBuffer.allocateDirect(1 << 16);
        try {
            while (true) {
                datagram.clear();
                channel.receive(datagram);
            }
        } catch (IOException closedOrBroken) {
            // Closed by close(): the normal way out. Any other error only ends the discarding
            // early, which costs the ICMP errors the sink is there to prevent, not the sending.
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
        TrafficSender.awaitEnd(receiver);
    }
}
