package dev.tapdeck.generate;

/**
 * What every flow of one run shares: the random source (one, so that the run is a single
 * deterministic sequence), the address plan, the packet buffer and its builders.
 *
 * @param startEpochSeconds wall-clock second of the capture's time zero, for text that shows
 *                          dates (HTTP Date, ping payloads)
 */
record FlowContext(SplitMix64 random, TrafficMix mix, AddressPlan addresses, OpaqueBytes opaque, byte[] frame,
                   TcpSegmentBuilder tcp, UdpDatagramBuilder udp, IcmpEchoBuilder icmp, long startEpochSeconds) {

    static FlowContext create(long seed, TrafficMix mix) {
        SplitMix64 random = new SplitMix64(seed);
        AddressPlan addresses = new AddressPlan(random, mix.vlanShare());
        OpaqueBytes opaque = new OpaqueBytes(random);
        IpFrameBuilder ip = new IpFrameBuilder(new byte[IpFrameBuilder.MAX_FRAME]);
        return new FlowContext(random, mix, addresses, opaque, ip.frame(), new TcpSegmentBuilder(ip),
                new UdpDatagramBuilder(ip), new IcmpEchoBuilder(ip), mix.start().getEpochSecond());
    }
}
