package dev.tapdeck.explain;

import dev.tapdeck.decode.PacketDecoder;
import dev.tapdeck.decode.TcpHeader;
import dev.tapdeck.file.PacketRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * "In its conversation": where a packet stands among its neighbours, found by scanning a
 * bounded number of packets before it (and after it, for a request and its answer).
 */
final class ConversationRole {
    private final PacketFacts packet;
    private final PacketContext context;
    private final PacketDecoder decoder = new PacketDecoder();
    private final PacketRecord record = new PacketRecord();

    private ConversationRole(PacketFacts packet, PacketContext context) {
        this.packet = packet;
        this.context = context;
    }

    static List<String> describe(PacketFacts packet, PacketContext context) {
        return new ConversationRole(packet, context).describe();
    }

    private List<String> describe() {
        List<String> bullets = new ArrayList<>();
        if (packet.isTcp()) {
            tcp(bullets);
        } else if (packet.isDns()) {
            dns(bullets);
        } else if (packet.quoted() != null) {
            icmpError(bullets);
        } else if (isEchoRequest(packet) || isEchoReply(packet)) {
            echo(bullets);
        } else if (packet.arpOpcode() == 1 || packet.arpOpcode() == 2) {
            arp(bullets);
        } else if (packet.isUdp()) {
            udp(bullets);
        } else {
            bullets.add("Tapdeck does not pair this kind of packet with others; it is read on its own.");
        }
        return bullets;
    }

    // --- TCP ---------------------------------------------------------------------------------

    private void tcp(List<String> bullets) {
        List<PacketFacts> connection = earlier(packet::sameConversation);
        Optional<PacketFacts> syn = oldest(connection, p -> p.has(TcpHeader.SYN) && !p.has(TcpHeader.ACK));
        Optional<PacketFacts> synAck = oldest(connection, p -> p.has(TcpHeader.SYN) && p.has(TcpHeader.ACK) && p.reverseOf(packet));
        String client = syn.map(s -> s.source() + ":" + s.sourcePort())
                .orElseGet(() -> guessClient(packet));
        String sender = client == null ? packet.source() + ":" + packet.sourcePort()
                : client.equals(packet.source() + ":" + packet.sourcePort()) ? "the client" : "the server";

        if (packet.has(TcpHeader.SYN) && !packet.has(TcpHeader.ACK)) {
            Optional<PacketFacts> first = newest(connection, p -> p.has(TcpHeader.SYN) && !p.has(TcpHeader.ACK)
                    && p.sameDirection(packet) && p.sequence() == packet.sequence());
            if (first.isPresent()) {
                bullets.add("It repeats the SYN of frame " + first.get().number() + " (same sequence number): that attempt got no answer in time, so the client tries again.");
            } else {
                bullets.add("It opens a connection: step 1 of TCP's three-way handshake. " + packet.source() + ":" + packet.sourcePort()
                        + " asks " + packet.destination() + " to accept a connection on port " + Ports.describe(packet.destinationPort()) + ".");
            }
            Optional<PacketFacts> answer = later(p -> p.reverseOf(packet) && (p.has(TcpHeader.SYN) || p.has(TcpHeader.RST))
                    && p.acknowledgement() == plusOne(packet.sequence()));
            bullets.add(answer.map(a -> a.has(TcpHeader.RST)
                            ? "The server refuses it in frame " + a.number() + after(a) + " (RST): nothing listens on that port, or a firewall rejects it."
                            : "The server accepts in frame " + a.number() + after(a) + " (SYN-ACK).")
                    .orElseGet(() -> "No answer to it is among the " + heldAfter() + " packets held after it."));
        } else if (packet.has(TcpHeader.SYN)) {
            Optional<PacketFacts> request = newest(connection, p -> p.reverseOf(packet) && p.has(TcpHeader.SYN) && !p.has(TcpHeader.ACK)
                    && plusOne(p.sequence()) == packet.acknowledgement());
            bullets.add(request.map(r -> "Step 2 of the three-way handshake: the server accepts the connection the client asked for in frame "
                            + r.number() + after(r, packet) + ", and sends its own SYN.")
                    .orElse("Step 2 of the three-way handshake: the server accepts a connection; the SYN that asked for it is not among the held packets."));
        } else if (packet.has(TcpHeader.RST)) {
            Optional<PacketFacts> refused = newest(connection, p -> p.reverseOf(packet) && p.has(TcpHeader.SYN) && !p.has(TcpHeader.ACK)
                    && plusOne(p.sequence()) == packet.acknowledgement());
            bullets.add(refused.map(r -> "It refuses the connection asked for in frame " + r.number() + ": nothing listens on port "
                            + Ports.describe(r.destinationPort()) + " at " + r.destination() + ", or a firewall rejects it.")
                    .orElse("It aborts the connection at once (RST) instead of closing it in order: whatever either side still had in flight is dropped."));
        } else if (packet.has(TcpHeader.FIN)) {
            Optional<PacketFacts> otherFin = newest(connection, p -> p.reverseOf(packet) && p.has(TcpHeader.FIN));
            bullets.add(otherFin.map(f -> "It closes the second direction, answering the FIN of frame " + f.number()
                            + ": once it is acknowledged the connection is closed both ways.")
                    .orElse("It starts closing the connection: " + packet.source() + " has nothing more to send (FIN); the other side may still send until it closes too."));
        } else {
            tcpAcknowledgementOrData(bullets, connection, synAck, sender);
        }
        if (syn.isEmpty() && !(packet.has(TcpHeader.SYN) && !packet.has(TcpHeader.ACK))) {
            bullets.add("The connection began before the packets held here: " + (connection.isEmpty()
                    ? "none of its earlier packets are held." : "no SYN is among its " + connection.size() + " earlier packets that are held."));
        } else if (!connection.isEmpty()) {
            bullets.add(connection.size() == 1 ? "One earlier packet of this connection is held, frame " + connection.getLast().number() + "."
                    : connection.size() + " earlier packets of this connection are held, from frame " + connection.getLast().number() + " on.");
        }
    }

    /** {@code sender}: "the client", "the server", or the address and port when it is not known which. */
    private void tcpAcknowledgementOrData(List<String> bullets, List<PacketFacts> connection, Optional<PacketFacts> synAck, String sender) {
        Optional<PacketFacts> previousSameSide = newest(connection, p -> p.sameDirection(packet));
        boolean firstAfterSyn = previousSameSide.map(p -> p.has(TcpHeader.SYN)).orElse(false);
        if (packet.payloadLength() == 0 && firstAfterSyn && synAck.isPresent()
                && packet.acknowledgement() == plusOne(synAck.get().sequence())) {
            bullets.add("Step 3 of the three-way handshake: the client acknowledges the SYN-ACK of frame " + synAck.get().number()
                    + "; the connection is now open.");
            return;
        }
        if (packet.payloadLength() > 0) {
            Optional<PacketFacts> original = newest(connection, p -> p.sameDirection(packet) && p.sequence() == packet.sequence()
                    && p.payloadLength() == packet.payloadLength());
            if (original.isPresent()) {
                bullets.add("It is a retransmission: frame " + original.get().number() + " carried the same " + LayerDescriptions.bytes(packet.payloadLength())
                        + " at the same sequence number" + after(original.get(), packet) + ". The first copy, or its acknowledgement, was lost or late.");
                return;
            }
            StringBuilder data = new StringBuilder("It carries ").append(LayerDescriptions.bytes(packet.payloadLength()))
                    .append(" of data from ").append(sender);
            Optional<PacketFacts> senderSyn = oldest(connection, p -> p.has(TcpHeader.SYN) && p.sameDirection(packet));
            senderSyn.ifPresent(s -> {
                long relative = (packet.sequence() - s.sequence()) & 0xffff_ffffL;
                data.append(", bytes ").append(relative).append(" to ").append(relative + packet.payloadLength() - 1)
                        .append(" of its stream (counted from its SYN)");
            });
            bullets.add(data.append('.').toString());
            application(bullets, connection);
            return;
        }
        Optional<PacketFacts> duplicate = previousSameSide.filter(p -> p.payloadLength() == 0 && p.tcpFlags() == TcpHeader.ACK
                && packet.tcpFlags() == TcpHeader.ACK && p.acknowledgement() == packet.acknowledgement() && p.window() == packet.window());
        if (duplicate.isPresent() && connection.stream().anyMatch(p -> p.reverseOf(packet) && p.payloadLength() > 0)) {
            bullets.add("It is a duplicate acknowledgement: frame " + duplicate.get().number() + " acknowledged the same byte. "
                    + capitalized(sender) + " still waits for the data after it, a sign of a lost or reordered segment.");
            return;
        }
        bullets.add("A bare acknowledgement from " + sender + ": no data, it confirms receipt of what the other side sent.");
    }

    /** What the data is, for the application protocols the decoder names. */
    private void application(List<String> bullets, List<PacketFacts> connection) {
        if (packet.httpLine() != null && packet.httpRequest()) {
            bullets.add("It is the HTTP request `" + packet.httpLine() + "`. " + later(p -> p.reverseOf(packet) && p.httpLine() != null && !p.httpRequest())
                    .map(r -> "The response `" + r.httpLine() + "` comes in frame " + r.number() + after(r) + ".")
                    .orElse("No response to it is among the " + heldAfter() + " packets held after it."));
        } else if (packet.httpLine() != null) {
            bullets.add("It is the HTTP response `" + packet.httpLine() + "`. " + newest(connection, p -> p.reverseOf(packet) && p.httpRequest())
                    .map(r -> "It answers the request `" + r.httpLine() + "` of frame " + r.number() + after(r, packet) + ".")
                    .orElse("The request it answers is not among the held packets."));
        } else if (packet.serverName() != null) {
            bullets.add("It begins a TLS session with " + packet.serverName() + ": everything after the handshake is encrypted.");
        } else {
            newest(connection, p -> p.serverName() != null)
                    .ifPresent(hello -> bullets.add("It belongs to the TLS session with " + hello.serverName() + " that the ClientHello of frame "
                            + hello.number() + " opened."));
        }
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String guessClient(PacketFacts p) {
        int server = Ports.serverSide(p.sourcePort(), p.destinationPort());
        if (server < 0) {
            return null;
        }
        return server == p.destinationPort() ? p.source() + ":" + p.sourcePort() : p.destination() + ":" + p.destinationPort();
    }

    private static long plusOne(long sequence) {
        return (sequence + 1) & 0xffff_ffffL;
    }

    // --- DNS, ICMP, ARP, UDP ------------------------------------------------------------------

    private void dns(List<String> bullets) {
        if (!packet.dnsResponse()) {
            Optional<PacketFacts> repeated = newest(earlier(p -> p.sameDirection(packet)), p -> p.isDns() && !p.dnsResponse() && p.dnsId() == packet.dnsId());
            repeated.ifPresent(r -> bullets.add("It repeats the query of frame " + r.number() + " (same transaction ID): that one got no answer in time."));
            bullets.add(later(p -> p.reverseOf(packet) && p.isDns() && p.dnsResponse() && p.dnsId() == packet.dnsId())
                    .map(a -> "It is answered in frame " + a.number() + after(a) + (a.dnsResponseCode() == 0 ? ", without error." : ", with " + LayerDescriptions.responseCode(a.dnsResponseCode()) + "."))
                    .orElseGet(() -> "No answer to it is among the " + heldAfter() + " packets held after it."));
            return;
        }
        bullets.add(newest(earlier(p -> p.reverseOf(packet)), p -> p.isDns() && !p.dnsResponse() && p.dnsId() == packet.dnsId())
                .map(q -> "It answers the query of frame " + q.number() + " (transaction 0x%04x".formatted(packet.dnsId())
                        + (q.dnsQuestion() == null ? "" : ", " + q.dnsQuestion()) + ")" + after(q, packet) + ".")
                .orElse("The query it answers (transaction 0x%04x) is not among the held packets.".formatted(packet.dnsId())));
    }

    private void icmpError(List<String> bullets) {
        PacketFacts quoted = packet.quoted();
        Optional<PacketFacts> original = newest(earlier(p -> p.sameDirection(quoted) && quoted.transport() != null
                && quoted.transport().equals(p.transport())), p -> true);
        bullets.add("It reports a problem with a packet sent earlier, " + LayerDescriptions.endpoints(quoted) + ". "
                + original.map(o -> "That packet is frame " + o.number() + after(o, packet) + ".")
                .orElse("That packet is not among the held packets."));
        boolean portUnreachable = "icmp".equals(packet.transport()) ? packet.icmpType() == 3 && packet.icmpCode() == 3
                : packet.icmpType() == 1 && packet.icmpCode() == 4;
        if (portUnreachable && quoted.destinationPort() >= 0) {
            bullets.add("Nothing listens on port " + quoted.destinationPort() + " at " + quoted.destination()
                    + ", which turned the packet away with this error. When that packet is an answer (DNS, say), the client has usually given up waiting and closed its port.");
        }
    }

    private static boolean isEchoRequest(PacketFacts p) {
        return p.icmpType() == ("icmp".equals(p.transport()) ? 8 : 128) && p.icmpIdentifier() >= 0;
    }

    private static boolean isEchoReply(PacketFacts p) {
        return p.icmpType() == ("icmp".equals(p.transport()) ? 0 : 129) && p.icmpIdentifier() >= 0;
    }

    private void echo(List<String> bullets) {
        Predicate<PacketFacts> partner = p -> p.reverseOf(packet) && p.icmpIdentifier() == packet.icmpIdentifier()
                && p.icmpSequence() == packet.icmpSequence();
        if (isEchoRequest(packet)) {
            bullets.add("A ping: " + packet.source() + " asks " + packet.destination() + " to echo it back. "
                    + later(partner.and(ConversationRole::isEchoReply))
                    .map(r -> "The reply comes in frame " + r.number() + after(r) + " (the round-trip time).")
                    .orElseGet(() -> "No reply is among the " + heldAfter() + " packets held after it: the host is down, unreachable, or filters pings."));
        } else {
            bullets.add(newest(earlier(partner), ConversationRole::isEchoRequest)
                    .map(r -> "It answers the ping of frame " + r.number() + after(r, packet) + " (the round-trip time).")
                    .orElse("It answers a ping that is not among the held packets."));
        }
    }

    private void arp(List<String> bullets) {
        if (packet.arpOpcode() == 1) {
            bullets.add(later(p -> p.arpOpcode() == 2 && p.arpSenderIp().equals(packet.arpTargetIp()))
                    .map(r -> "It is answered in frame " + r.number() + after(r) + ": " + r.arpSenderIp() + " is at " + r.arpSenderMac() + ".")
                    .orElseGet(() -> "No reply is among the " + heldAfter() + " packets held after it: nobody on the link has that address, or it is not up."));
        } else {
            bullets.add(newest(earlier(p -> p.arpOpcode() == 1), p -> p.arpTargetIp().equals(packet.arpSenderIp())
                            && p.arpSenderIp().equals(packet.arpTargetIp()))
                    .map(q -> "It answers the request of frame " + q.number() + after(q, packet) + ".")
                    .orElse("No request for it is among the held packets: an unsolicited reply, usually a host announcing itself, sometimes ARP spoofing."));
        }
    }

    private void udp(List<String> bullets) {
        List<PacketFacts> exchange = earlier(packet::sameConversation);
        bullets.add(exchange.isEmpty()
                ? "It is the first datagram between these two endpoints among the held packets."
                : "Earlier datagrams between these endpoints held: " + exchange.size() + ", the last in frame " + exchange.getFirst().number() + ".");
    }

    // --- scanning -----------------------------------------------------------------------------

    /** Related packets before this one, newest first, within {@link OfflineExplainer#LOOK_BACK}. */
    private List<PacketFacts> earlier(Predicate<PacketFacts> related) {
        List<PacketFacts> found = new ArrayList<>();
        long stop = Math.max(context.oldest(), packet.number() - OfflineExplainer.LOOK_BACK);
        for (long n = packet.number() - 1; n >= stop; n--) {
            PacketFacts facts = read(n);
            if (facts != null && related.test(facts)) {
                found.add(facts);
            }
        }
        return found;
    }

    /** The first matching packet after this one, within {@link OfflineExplainer#LOOK_AHEAD}. */
    private Optional<PacketFacts> later(Predicate<PacketFacts> match) {
        long stop = packet.number() + heldAfter();
        for (long n = packet.number() + 1; n <= stop; n++) {
            PacketFacts facts = read(n);
            if (facts != null && match.test(facts)) {
                return Optional.of(facts);
            }
        }
        return Optional.empty();
    }

    private long heldAfter() {
        return Math.max(0, Math.min(context.newest(), packet.number() + OfflineExplainer.LOOK_AHEAD) - packet.number());
    }

    private PacketFacts read(long number) {
        return context.read(number, record) ? PacketFacts.of(number, record, decoder.decode(record)) : null;
    }

    private static Optional<PacketFacts> newest(List<PacketFacts> newestFirst, Predicate<PacketFacts> match) {
        return newestFirst.stream().filter(match).findFirst();
    }

    private static Optional<PacketFacts> oldest(List<PacketFacts> newestFirst, Predicate<PacketFacts> match) {
        return newestFirst.reversed().stream().filter(match).findFirst();
    }

    /** {@code , 12.3 ms later} for a packet after this one. */
    private String after(PacketFacts later) {
        return gap(packet, later, " later");
    }

    /** {@code , sent 12.3 ms earlier} for a packet before {@code to}. */
    private static String after(PacketFacts earlier, PacketFacts to) {
        return gap(earlier, to, " earlier");
    }

    private static String gap(PacketFacts first, PacketFacts second, String word) {
        if (first.time() == null || second.time() == null) {
            return "";
        }
        Duration gap = Duration.between(first.time(), second.time()).abs();
        double millis = gap.toNanos() / 1e6;
        String text = millis >= 1000 ? String.format(Locale.ROOT, "%.2f s", millis / 1000)
                : millis >= 1 ? String.format(Locale.ROOT, "%.1f ms", millis) : String.format(Locale.ROOT, "%.3f ms", millis);
        return ", " + text + word;
    }
}
