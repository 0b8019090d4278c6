package dev.tapdeck.stream.message;

import dev.tapdeck.decode.Dissection;
import dev.tapdeck.stream.StreamFacts;
import dev.tapdeck.stream.StreamListener;
import dev.tapdeck.stream.StreamMessage;
import dev.tapdeck.stream.StreamTracker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Routes each TCP stream's reassembled bytes to the decoder of its protocol and ties the
 * messages they complete to the packet that completed them: what TCP desegmentation is in
 * Tapdeck. A stream's protocol is the first of {@link #protocols} that uses its server's
 * port, then its client's, else the first whose content test accepts the first bytes seen;
 * a stream none selects is left alone (its packets keep the fields decoded from each alone).
 *
 * <p>Per packet, in packet order on the tracking thread: {@link #before} with the packet,
 * then the tracker's calls of this listener, then {@link #after} with the packet's
 * {@link StreamFacts}, which then name the stream's protocol and hold the messages the packet
 * completed ({@link #offer} does the three). A packet that completes none costs a table read
 * and allocates nothing.
 */
public final class StreamMessages implements StreamListener, Messages {
    /**
     * HTTP/1.x, TLS and DNS over TCP, as tshark desegments them by default, and Redis's RESP,
     * the example of a decoder of one's own: a new one goes here, in the order it should be tried.
     */
    public static List<StreamProtocol> builtIn() {
        return List.of(new HttpProtocol(), new TlsProtocol(), new DnsOverTcpProtocol(), new RespProtocol());
    }

    /** The decoding of one stream: its protocol (null for none) and decoder (null for none, or once both sides ended). */
    private static final class Route {
        final StreamProtocol protocol;
        final StreamDecoder decoder;
        boolean clientEnded, serverEnded;
        /** Per side: its latest message took more than one segment. */
        boolean clientReassembled, serverReassembled;

        Route(StreamProtocol protocol, StreamDecoder decoder) {
            this.protocol = protocol;
            this.decoder = decoder;
        }
    }

    private static final Route NONE = new Route(null, null);

    private final List<StreamProtocol> protocols;
    private final LaterFrames later;
    /**
     * Per protocol, the route of its streams that have ended, without a decoder: late packets
     * of one are not taken for a new stream, nor decoded alone. Most are retransmissions, which
     * tshark hands to no protocol above TCP (nor the tracker to this); new bytes get a new decoder.
     */
    private final List<Route> ended;
    /** Routes by tcp.stream, which the tracker numbers densely from 0; null before a stream's first bytes and after it ends. */
    private Route[] routes = new Route[1024];
    private int sourcePort, destinationPort;
    private boolean payloadCut;
    /** Whether the packet being tracked has delivered bytes yet, and if so whether the first began inside a message. */
    private boolean delivered, continues;
    private final List<StreamMessage> completed = new ArrayList<>();
    private long overflowed;
    private long messageCount;
    /** The time of the latest bytes delivered: an end, which has none of its own, happens then. */
    private long lastTimeNanos;

    public StreamMessages(List<StreamProtocol> protocols) {
        this(protocols, LaterFrames.NONE);
    }

    /** Decoders that record into {@code later} what their messages tell of earlier frames, and show what was recorded there before. */
    public StreamMessages(List<StreamProtocol> protocols, LaterFrames later) {
        this.later = later;
        this.protocols = List.copyOf(protocols);
        this.ended = this.protocols.stream().map(protocol -> new Route(protocol, null)).toList();
    }

    /**
     * Tracks one packet with {@code tracker}, which must {@linkplain StreamTracker#dissect
     * deliver to} this instance: {@link #before}, the tracker's {@code offer}, {@link #after}.
     * What a reader that desegments calls in place of the tracker's {@code offer}.
     */
    public void offer(StreamTracker tracker, Dissection d, long frame, long timeNanos, StreamFacts out) {
        if (d.tcp.present()) {
            int payload = d.tcp.offset() + d.tcp.headerLength();
            before(d.tcp.sourcePort(), d.tcp.destinationPort(), d.capturedLength() - payload < d.tcp.payloadLength());
        }
        tracker.offer(d, frame, timeNanos, out);
        after(out);
    }

    /**
     * The TCP ports of the packet about to be tracked, which choose the protocol of a stream it
     * begins, and whether the capture cut its payload short (its snap length).
     */
    public void before(int sourcePort, int destinationPort, boolean payloadCut) {
        this.sourcePort = sourcePort;
        this.destinationPort = destinationPort;
        this.payloadCut = payloadCut;
    }

    /**
     * Writes into {@code facts} (the tracked packet's) its stream's protocol and the messages
     * the packet completed. A packet whose payload the capture cut keeps its own fields, as
     * Wireshark decodes a segment it cannot reassemble by itself.
     */
    public void after(StreamFacts facts) {
        int stream = facts.tcpStream();
        Route route = stream >= 0 && stream < routes.length ? routes[stream] : null;
        if (route != null && route.protocol != null && !payloadCut) {
            boolean side = facts.fromClient();
            // A stream both of whose sides ended has no decoder left: no message goes on.
            boolean inMessage = route.decoder != null && route.decoder.inMessage(side);
            facts.setMessages(route.protocol.name(), completed.isEmpty() ? List.of() : List.copyOf(completed), continues,
                    inMessage, inMessage ? route.decoder.partialInfo(side) : null, side ? route.clientReassembled : route.serverReassembled);
            if (!completed.isEmpty()) {
                // The last message began earlier only when it is the packet's only one and the packet began inside it.
                boolean reassembled = completed.size() == 1 && continues;
                if (side) {
                    route.clientReassembled = reassembled;
                } else {
                    route.serverReassembled = reassembled;
                }
            }
        } else {
            facts.setDesegmenting();
        }
        completed.clear();
        delivered = false;
        continues = false;
    }

    @Override
    public void data(boolean tcp, int stream, boolean fromClient, long frame, long timeNanos, byte[] bytes, int offset, int length) {
        if (!tcp || length <= 0) {
            return;
        }
        Route route = stream < routes.length ? routes[stream] : null;
        if (route == null) {
            route = open(stream, fromClient, bytes, offset, length);
        } else if (route.decoder == null && route.protocol != null) {
            // New bytes after both sides ended (after a RST, say): tshark decodes them afresh.
            route = routes[stream] = new Route(route.protocol, route.protocol.newDecoder(later));
        }
        lastTimeNanos = timeNanos;
        if (route.decoder != null) {
            if (!delivered) {
                delivered = true;
                continues = route.decoder.inMessage(fromClient);
            }
            route.decoder.data(fromClient, frame, timeNanos, bytes, offset, length, this);
        }
    }

    @Override
    public void gap(boolean tcp, int stream, boolean fromClient, long frame, long length) {
        Route route = tcp && stream < routes.length ? routes[stream] : null;
        if (route != null && route.decoder != null) {
            route.decoder.gap(fromClient, frame, length, this);
        }
    }

    @Override
    public void end(boolean tcp, int stream, boolean fromClient, long frame) {
        Route route = tcp && stream < routes.length ? routes[stream] : null;
        if (route == null || route.decoder == null) {
            return;
        }
        route.decoder.end(fromClient, frame, lastTimeNanos, this);
        route.clientEnded |= fromClient;
        route.serverEnded |= !fromClient;
        if (route.clientEnded && route.serverEnded) {
            overflowed += route.decoder.overflowedBytes();
            routes[stream] = ended.get(protocols.indexOf(route.protocol));
        }
    }

    @Override
    public void add(StreamMessage message) {
        completed.add(message);
        messageCount++;
    }

    /** Messages completed so far. */
    public long messages() { return messageCount; }

    /** Bytes of incomplete messages that did not fit a decoder's buffers, in streams that have ended. */
    public long overflowedBytes() { return overflowed; }

    private StreamProtocol byPort(int port) {
        for (StreamProtocol p : protocols) {
            if (p.usesPort(port)) {
                return p;
            }
        }
        return null;
    }

    private Route open(int stream, boolean fromClient, byte[] bytes, int offset, int length) {
        if (stream >= routes.length) {
            routes = Arrays.copyOf(routes, Math.max(stream + 1, 2 * routes.length));
        }
        int serverPort = fromClient ? destinationPort : sourcePort;
        int clientPort = fromClient ? sourcePort : destinationPort;
        StreamProtocol chosen = byPort(serverPort);
        if (chosen == null) {
            chosen = byPort(clientPort);
        }
        for (StreamProtocol p : protocols) {
            if (chosen == null && p.recognizes(bytes, offset, length)) {
                chosen = p;
            }
        }
        Route route = chosen == null ? NONE : new Route(chosen, chosen.newDecoder(later));
        routes[stream] = route;
        return route;
    }
}
