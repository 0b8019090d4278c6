/**
 * Synthetic traffic for demos, tests and benchmarks: {@link dev.tapdeck.generate.TrafficGenerator}
 * writes a realistic capture of a busy link into any {@link dev.tapdeck.file.CaptureWriter}.
 *
 * <p>How it is put together, from the top: a {@code FlowScheduler} interleaves a fixed number
 * of concurrent flows, always sending the packet that is due first; each flow
 * ({@code TcpConnection}, {@code DnsLookup}, {@code PingSession}) is a small state machine
 * that writes its next packet and says when the one after is due. Flows write through
 * per-protocol builders ({@code TcpSegmentBuilder}, {@code UdpDatagramBuilder},
 * {@code IcmpEchoBuilder}) on top of {@code IpFrameBuilder}, which does Ethernet, 802.1Q,
 * IPv4/IPv6 and all checksums; application payloads come from {@code HttpMessages},
 * {@code TlsMessages} and {@code DnsMessages}. Hosts, addresses and names come from an
 * {@code AddressPlan} of documentation and private ranges.
 *
 * <p>All randomness flows from one {@code SplitMix64} seeded by the caller, and the only
 * per-packet work is writing bytes into one preallocated buffer.
 *
 * <p>{@link dev.tapdeck.generate.TrafficSender} sends live traffic instead, to a loopback
 * address only: paced UDP datagrams that carry sequence numbers ({@code DatagramPayloads}),
 * and short HTTP/1.1 connections ({@code HttpRequester}), with a {@code UdpSink} and an
 * {@code HttpResponder} on the far end when nothing else listens there.
 */
package dev.tapdeck.generate;
