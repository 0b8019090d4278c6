package dev.tapdeck.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tapdeck.file.CaptureWriter;
import dev.tapdeck.file.PacketRecord;
import dev.tapdeck.generate.CollectingWriter.Written;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrafficGeneratorTest {
    private static final long SEED = 7;
    private static final int PACKETS = 60_000;
    private static final long START = TrafficMix.defaults().start().getEpochSecond();
    private static final Pattern HOST_NAME = Pattern.compile("[a-z]+\\.[a-z]{4,10}\\.example(\\.(com|net|org))?");
    private static final Pattern REQUEST_LINE = Pattern.compile("(GET|POST) /\\S* HTTP/1\\.1\r\nHost: \\S+\r\n.*\r\n\r\n.*", Pattern.DOTALL);
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 [1-5]\\d\\d [A-Za-z ]+\r\n.*", Pattern.DOTALL);

    private static final String PINNED_SEED_ONE_DIGEST = "0d2d7168ba12db05d37db10ef36c401794fe9257cde92920c875765896255601";

    private static List<Written> capture;
    private static List<DissectedFrame> frames;

    @BeforeAll
    static void generateOnce() throws Exception {
        capture = CollectingWriter.generate(SEED, PACKETS);
        frames = capture.stream().map(p -> new DissectedFrame(p.bytes())).toList();
    }

    @Test
    void sameSeedGivesByteIdenticalPacketsAndTimestamps() throws Exception {
        List<Written> again = CollectingWriter.generate(SEED, PACKETS);

        assertThat(again).hasSameSizeAs(capture);
        for (int i = 0; i < PACKETS; i++) {
            Written a = capture.get(i);
            Written b = again.get(i);
            assertThat(b.bytes()).as("packet %d", i + 1).isEqualTo(a.bytes());
            assertThat(b.epochSeconds()).as("packet %d", i + 1).isEqualTo(a.epochSeconds());
            assertThat(b.nanos()).as("packet %d", i + 1).isEqualTo(a.nanos());
        }
    }

    @Test
    void seedOneGivesThePinnedTrafficOnEveryJvm() throws Exception {
        // Guards determinism across JVMs and platforms, which comparing two runs in one JVM
        // cannot. When the traffic changes on purpose, put the new digest here.
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (Written packet : CollectingWriter.generate(1, 3_000)) {
            digest.update(ByteBuffer.allocate(12).putLong(packet.epochSeconds()).putInt(packet.nanos()).array());
            digest.update(packet.bytes());
        }

        assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(PINNED_SEED_ONE_DIGEST);
    }

    @Test
    void differentSeedsGiveDifferentPackets() throws Exception {
        List<Written> other = CollectingWriter.generate(SEED + 1, 2_000);

        int same = 0;
        for (int i = 0; i < other.size(); i++) {
            if (Arrays.equals(other.get(i).bytes(), capture.get(i).bytes())) {
                same++;
            }
        }
        assertThat(same).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 17, 1_000, 33_333})
    void writesExactlyTheNumberOfPacketsAskedFor(int count) throws Exception {
        CollectingWriter writer = new CollectingWriter();

        TrafficSummary summary = new TrafficGenerator(3).generate(writer, count);

        assertThat(writer.packets).hasSize(count);
        assertThat(summary.packets()).isEqualTo(count);
        assertThat(summary.bytes()).isEqualTo(writer.packets.stream().mapToLong(p -> p.bytes().length).sum());
        assertThat(writer.closed).as("the caller owns the writer").isFalse();
    }

    @Test
    void aShorterRunIsAPrefixOfALongerOne() throws Exception {
        List<Written> prefix = CollectingWriter.generate(SEED, 5_000);

        for (int i = 0; i < prefix.size(); i++) {
            assertThat(prefix.get(i).bytes()).as("packet %d", i + 1).isEqualTo(capture.get(i).bytes());
        }
    }

    @Test
    void rejectsANegativeCount() {
        assertThatThrownBy(() -> new TrafficGenerator(1).generate(new CollectingWriter(), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @Test
    void everyIpv4HeaderChecksumVerifies() {
        long checked = frames.stream().filter(f -> !f.ipv6()).peek(f ->
                assertThat(f.ipv4HeaderChecksumVerifies()).as("IPv4 header checksum of %s", f.directionKey()).isTrue()).count();
        assertThat(checked).isGreaterThan(PACKETS / 2);
    }

    @Test
    void everyTcpUdpIcmpAndIcmpv6ChecksumVerifies() {
        Map<Integer, Integer> checkedByProtocol = new HashMap<>();
        for (int i = 0; i < frames.size(); i++) {
            DissectedFrame frame = frames.get(i);
            assertThat(frame.transportChecksumVerifies())
                    .as("packet %d, protocol %d, %s", i + 1, frame.protocol, frame.directionKey()).isTrue();
            if (frame.protocol == DissectedFrame.UDP) {
                assertThat(frame.u16(frame.transportOffset + 6)).as("UDP checksum present").isNotZero();
            }
            checkedByProtocol.merge(frame.protocol, 1, Integer::sum);
        }
        assertThat(checkedByProtocol).containsOnlyKeys(DissectedFrame.TCP, DissectedFrame.UDP,
                DissectedFrame.ICMP, DissectedFrame.ICMPV6);
    }

    @Test
    void lengthsAgreeFromEthernetToTransport() {
        for (int i = 0; i < capture.size(); i++) {
            Written packet = capture.get(i);
            DissectedFrame frame = frames.get(i);
            int length = packet.bytes().length;
            assertThat(packet.originalLength()).isEqualTo(length);
            assertThat(packet.linkType()).isEqualTo(dev.tapdeck.decode.LinkTypes.ETHERNET);
            assertThat(length).as("packet %d", i + 1).isBetween(60, 1518);
            // The IP length ends the frame, unless the frame was padded to the 60-byte minimum.
            assertThat(frame.ipEnd == length || (length == 60 && frame.ipEnd < 60)).as("packet %d", i + 1).isTrue();
            if (frame.protocol == DissectedFrame.UDP) {
                assertThat(frame.u16(frame.transportOffset + 4)).isEqualTo(frame.transportLength);
            }
        }
    }

    @Test
    void timestampsRiseInMicrosecondsFromTheFixedStart() {
        long previous = 0;
        for (int i = 0; i < capture.size(); i++) {
            Written packet = capture.get(i);
            assertThat(packet.digits()).isEqualTo(PacketRecord.MICROSECOND_DIGITS);
            assertThat(packet.nanos() % 1_000).as("whole microseconds").isZero();
            long at = packet.epochSeconds() * 1_000_000_000L + packet.nanos();
            assertThat(at).as("packet %d", i + 1).isGreaterThanOrEqualTo(previous);
            previous = at;
        }
        Written first = capture.getFirst();
        Written last = capture.getLast();
        assertThat(first.epochSeconds()).isEqualTo(START);
        // A busy link: tens of thousands of packets a second, so 60,000 packets span seconds, not minutes.
        assertThat(last.epochSeconds() - first.epochSeconds()).isBetween(0L, 10L);
        assertThat(last.epochSeconds() * 1_000_000_000L + last.nanos())
                .isGreaterThan(first.epochSeconds() * 1_000_000_000L + first.nanos() + 100_000_000L);
    }

    @Test
    void theMixHasEveryKindOfTraffic() {
        Map<String, Integer> seen = new HashMap<>();
        for (DissectedFrame f : frames) {
            count(seen, "IPv4", !f.ipv6());
            count(seen, "IPv6", f.ipv6());
            count(seen, "802.1Q", f.vlanId > 0);
            if (f.protocol == DissectedFrame.TCP) {
                count(seen, "SYN", f.tcpFlags() == DissectedFrame.SYN);
                count(seen, "SYN-ACK", f.tcpFlags() == (DissectedFrame.SYN | DissectedFrame.ACK));
                count(seen, "FIN", f.hasFlags(DissectedFrame.FIN | DissectedFrame.ACK));
                count(seen, "RST", f.hasFlags(DissectedFrame.RST));
                count(seen, "full-size segment", f.payloadLength() >= 1400);
                String payload = f.payloadText();
                count(seen, "HTTP request", REQUEST_LINE.matcher(payload).matches());
                count(seen, "HTTP response", STATUS_LINE.matcher(payload).matches());
                count(seen, "HTTP on 8080", f.destinationPort() == 8080 && REQUEST_LINE.matcher(payload).matches());
                count(seen, "TLS ClientHello", f.destinationPort() == 443 && serverName(f) != null);
                count(seen, "TLS application data", f.sourcePort() == 443 && f.payloadLength() > 0
                        && f.u8(f.payloadOffset()) == 23 && f.u16(f.payloadOffset() + 1) == 0x0303);
            } else if (f.protocol == DissectedFrame.UDP) {
                boolean response = (f.u8(f.payloadOffset() + 2) & 0x80) != 0;
                count(seen, "DNS query", f.destinationPort() == 53 && !response);
                count(seen, "DNS response", f.sourcePort() == 53 && response);
            } else if (f.protocol == DissectedFrame.ICMP) {
                count(seen, "ICMP echo request", f.u8(f.transportOffset) == 8);
                count(seen, "ICMP echo reply", f.u8(f.transportOffset) == 0);
            } else if (f.protocol == DissectedFrame.ICMPV6) {
                count(seen, "ICMPv6 echo request", f.u8(f.transportOffset) == 128);
                count(seen, "ICMPv6 echo reply", f.u8(f.transportOffset) == 129);
            }
        }
        assertThat(seen).containsOnlyKeys("IPv4", "IPv6", "802.1Q", "SYN", "SYN-ACK", "FIN", "RST", "full-size segment",
                "HTTP request", "HTTP response", "HTTP on 8080", "TLS ClientHello", "TLS application data",
                "DNS query", "DNS response", "ICMP echo request", "ICMP echo reply", "ICMPv6 echo request",
                "ICMPv6 echo reply");
        // Most traffic is TCP bulk data; IPv6 and VLANs are each a sizeable minority.
        assertThat(seen.get("IPv6")).isBetween(PACKETS / 10, PACKETS / 2);
        assertThat(seen.get("802.1Q")).isBetween(PACKETS / 50, PACKETS / 4);
        assertThat(seen.get("full-size segment")).isGreaterThan(PACKETS / 3);
    }

    @Test
    void clientHellosNameTheServerInSni() {
        int hellos = 0;
        for (DissectedFrame f : frames) {
            if (f.protocol == DissectedFrame.TCP && f.destinationPort() == 443 && f.payloadLength() > 0
                    && f.u8(f.payloadOffset()) == 22) {
                if (f.u8(f.payloadOffset() + 5) != 1) {
                    continue; // a later handshake record (an encrypted Finished), not a ClientHello
                }
                String name = serverName(f);
                assertThat(name).as("SNI").isNotNull().matches(HOST_NAME);
                hellos++;
            }
        }
        assertThat(hellos).isGreaterThan(50);
    }

    @Test
    void synsCarryMssSackTimestampsAndWindowScale() {
        int syns = 0;
        for (DissectedFrame f : frames) {
            if (f.protocol == DissectedFrame.TCP && f.hasFlags(DissectedFrame.SYN)) {
                Map<Integer, Integer> options = tcpOptionLengths(f);
                assertThat(options).containsEntry(2, 4).containsEntry(4, 2).containsEntry(8, 10).containsEntry(3, 3);
                int mss = mssOption(f);
                assertThat(mss).isBetween(1300, f.ipv6() ? 1440 : 1460);
                syns++;
            } else if (f.protocol == DissectedFrame.TCP) {
                assertThat(tcpOptionLengths(f)).as("every other segment has timestamps").containsOnlyKeys(8);
            }
        }
        assertThat(syns).isGreaterThan(100);
    }

    @Test
    void tcpSequenceAndAcknowledgementNumbersTrackTheBytesSent() {
        Map<String, Long> nextSeq = new HashMap<>();
        int checked = 0;
        for (int i = 0; i < frames.size(); i++) {
            DissectedFrame f = frames.get(i);
            if (f.protocol != DissectedFrame.TCP) {
                continue;
            }
            String key = f.directionKey();
            if (f.hasFlags(DissectedFrame.SYN)) {
                nextSeq.put(key, (f.tcpSeq() + 1) & 0xFFFF_FFFFL);
                if (!f.hasFlags(DissectedFrame.ACK)) {
                    nextSeq.remove(f.reverseKey()); // a new connection on a reused 4-tuple
                    continue;
                }
            } else {
                assertThat(nextSeq).as("packet %d belongs to a connection that began with a SYN", i + 1).containsKey(key);
                assertThat(f.tcpSeq()).as("sequence number of packet %d", i + 1).isEqualTo(nextSeq.get(key));
                int consumed = f.payloadLength() + (f.hasFlags(DissectedFrame.FIN) ? 1 : 0);
                nextSeq.put(key, (f.tcpSeq() + consumed) & 0xFFFF_FFFFL);
            }
            // Every ACK acknowledges everything the peer has sent so far.
            assertThat(f.tcpAck()).as("acknowledgement number of packet %d", i + 1).isEqualTo(nextSeq.get(f.reverseKey()));
            checked++;
        }
        assertThat(checked).isGreaterThan(PACKETS / 2);
    }

    @Test
    void dnsResponsesAnswerTheirQueryWithCompressedNames() {
        Map<String, String> openQueries = new HashMap<>();
        int answered = 0;
        int compressedOwners = 0;
        for (DissectedFrame f : frames) {
            if (f.protocol != DissectedFrame.UDP) {
                continue;
            }
            int dns = f.payloadOffset();
            int id = f.u16(dns);
            boolean response = (f.u8(dns + 2) & 0x80) != 0;
            String question = dnsName(f.bytes, dns, dns + 12);
            assertThat(question).matches(HOST_NAME);
            if (!response) {
                openQueries.put(f.directionKey() + "#" + id, question);
                continue;
            }
            assertThat(openQueries.remove(f.reverseKey() + "#" + id)).as("the query this answers").isEqualTo(question);
            answered++;
            int answers = f.u16(dns + 6);
            int at = dns + 12 + dnsNameLength(f.bytes, dns + 12) + 4;
            String expectedOwner = question;
            for (int a = 0; a < answers; a++) {
                assertThat(f.u8(at) & 0xC0).as("answer owner is a compression pointer").isEqualTo(0xC0);
                assertThat(dnsName(f.bytes, dns, at)).isEqualTo(expectedOwner);
                compressedOwners++;
                at += dnsNameLength(f.bytes, at);
                int type = f.u16(at);
                int rdLength = f.u16(at + 8);
                if (type == 5) {
                    // A CNAME: the records after it belong to its target.
                    expectedOwner = dnsName(f.bytes, dns, at + 10);
                    assertThat(dnsNameLength(f.bytes, at + 10)).isEqualTo(rdLength);
                } else {
                    assertThat(type == 1 && rdLength == 4 || type == 28 && rdLength == 16).as("address record").isTrue();
                }
                at += 10 + rdLength;
            }
        }
        assertThat(answered).isGreaterThan(100);
        assertThat(compressedOwners).isGreaterThan(answered / 2);
    }

    @Test
    void addressesComeFromDocumentationAndPrivateRanges() {
        for (DissectedFrame f : frames) {
            long destinationMac = f.u32(0) << 16 | f.u16(4);
            long sourceMac = f.u32(6) << 16 | f.u16(10);
            for (long mac : new long[] {sourceMac, destinationMac}) {
                boolean documentation = (mac >>> 8) == 0x00005E0053L;        // RFC 7042 §2.1.2
                boolean localUnicast = (mac >>> 40 & 0x03) == 0x02;          // locally administered, unicast
                assertThat(documentation || localUnicast).as("MAC %012x", mac).isTrue();
            }
            if (f.ipv6()) {
                assertThat(f.u32(f.ipOffset + 8)).isEqualTo(0x20010db8L);
                assertThat(f.u32(f.ipOffset + 24)).isEqualTo(0x20010db8L);
            } else {
                for (int at : new int[] {f.ipOffset + 12, f.ipOffset + 16}) {
                    long address = f.u32(at);
                    boolean allowed = (address >>> 24) == 10 || (address >>> 8) == 0xC00002 // 192.0.2/24
                            || (address >>> 8) == 0xC63364 || (address >>> 8) == 0xCB0071; // 198.51.100/24, 203.0.113/24
                    assertThat(allowed).as("IPv4 address %08x", address).isTrue();
                }
            }
        }
    }

    @Test
    void allocatesNothingPerPacketOnceRunning() throws Exception {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        CaptureWriter discard = new CaptureWriter() {
            @Override
            public void write(PacketRecord packet) {}

            @Override
            public void close() {}
        };
        new TrafficGenerator(11).generate(discard, 100_000); // warm up
        long before = threads.getCurrentThreadAllocatedBytes();
        new TrafficGenerator(11).generate(discard, 100_000);
        long shortRun = threads.getCurrentThreadAllocatedBytes() - before;
        before = threads.getCurrentThreadAllocatedBytes();
        new TrafficGenerator(11).generate(discard, 300_000);
        long longRun = threads.getCurrentThreadAllocatedBytes() - before;

        // Set-up costs the same in both runs; 200,000 more packets may add almost nothing.
        assertThat(longRun - shortRun).as("bytes allocated by 200,000 extra packets").isLessThan(200_000);
    }

    private static void count(Map<String, Integer> seen, String what, boolean matches) {
        if (matches) {
            seen.merge(what, 1, Integer::sum);
        }
    }

    /** The host_name in a ClientHello's server_name extension (RFC 6066 §3), or null. */
    static String serverName(DissectedFrame f) {
        int at = f.payloadOffset();
        int end = f.ipEnd;
        if (f.payloadLength() < 43 || f.u8(at) != 22 || f.u8(at + 5) != 1) {
            return null;
        }
        int recordEnd = at + 5 + f.u16(at + 3);
        int handshakeEnd = at + 9 + (f.u8(at + 6) << 16 | f.u16(at + 7));
        assertThat(recordEnd).as("ClientHello record fits its segment").isLessThanOrEqualTo(end);
        assertThat(handshakeEnd).as("handshake fits its record").isEqualTo(recordEnd);
        int o = at + 9 + 2 + 32;             // version, random
        o += 1 + f.u8(o);                    // session id
        o += 2 + f.u16(o);                   // cipher suites
        o += 1 + f.u8(o);                    // compression methods
        int extensionsEnd = o + 2 + f.u16(o);
        assertThat(extensionsEnd).as("extensions end with the handshake").isEqualTo(handshakeEnd);
        o += 2;
        String name = null;
        while (o < extensionsEnd) {
            int type = f.u16(o);
            int length = f.u16(o + 2);
            if (type == 0) {
                int listLength = f.u16(o + 4);
                assertThat(listLength).isEqualTo(length - 2);
                assertThat(f.u8(o + 6)).as("name type host_name").isZero();
                int nameLength = f.u16(o + 7);
                assertThat(nameLength).isEqualTo(listLength - 3);
                name = new String(f.bytes, o + 9, nameLength, StandardCharsets.US_ASCII);
            }
            o += 4 + length;
        }
        assertThat(o).isEqualTo(extensionsEnd);
        return name;
    }

    /** Decodes a DNS name at {@code at}, following compression pointers relative to {@code message}. */
    static String dnsName(byte[] bytes, int message, int at) {
        List<String> labels = new ArrayList<>();
        for (int jumps = 0; jumps < 20; jumps++) {
            int length = bytes[at] & 0xFF;
            if (length == 0) {
                return String.join(".", labels);
            }
            if ((length & 0xC0) == 0xC0) {
                int target = message + ((length & 0x3F) << 8 | bytes[at + 1] & 0xFF);
                assertThat(target).as("pointers point backwards").isLessThan(at);
                at = target;
                continue;
            }
            labels.add(new String(bytes, at + 1, length, StandardCharsets.US_ASCII));
            at += 1 + length;
        }
        throw new AssertionError("compression loop");
    }

    /** Bytes the name at {@code at} takes in place: up to and including its root label or pointer. */
    static int dnsNameLength(byte[] bytes, int at) {
        int start = at;
        while (true) {
            int length = bytes[at] & 0xFF;
            if (length == 0) {
                return at + 1 - start;
            }
            if ((length & 0xC0) == 0xC0) {
                return at + 2 - start;
            }
            at += 1 + length;
        }
    }

    private static Map<Integer, Integer> tcpOptionLengths(DissectedFrame f) {
        Map<Integer, Integer> options = new HashMap<>();
        int o = f.transportOffset + 20;
        int end = f.transportOffset + f.tcpHeaderLength();
        while (o < end) {
            int kind = f.u8(o);
            if (kind == 0) {
                break;
            }
            if (kind == 1) {
                o++;
                continue;
            }
            int length = f.u8(o + 1);
            options.put(kind, length);
            o += length;
        }
        assertThat(o).as("options end with the header").isEqualTo(end);
        return options;
    }

    private static int mssOption(DissectedFrame f) {
        int o = f.transportOffset + 20;
        assertThat(f.u8(o)).as("MSS comes first, as Linux sends it").isEqualTo(2);
        return f.u16(o + 2);
    }
}
