package dev.tapdeck.generate;

import static dev.tapdeck.generate.TcpSegmentBuilder.ACK;
import static dev.tapdeck.generate.TcpSegmentBuilder.FIN;
import static dev.tapdeck.generate.TcpSegmentBuilder.PSH;
import static dev.tapdeck.generate.TcpSegmentBuilder.RST;
import static dev.tapdeck.generate.TcpSegmentBuilder.SYN;

/**
 * A TCP connection from a site client to a web server, seen from a tap on the client's side
 * of the link: the client's packets follow each other within microseconds, the server's
 * arrive a round trip after what prompted them.
 *
 * <p>Life of a connection: three-way handshake (RFC 9293 §3.5); one or more exchanges of a
 * one-segment request and a response the server sends in slow-start rounds (RFC 5681 §3.1,
 * initial window of 10 segments, RFC 6928) paced by the path's bottleneck, with the client
 * acknowledging every second segment (RFC 1122 §4.2.3.2, RFC 5681 §4.2); then a FIN exchange
 * started by either side, or a client reset. On port 443 the exchanges are a TLS handshake and
 * encrypted records; on 80 and 8080 HTTP/1.1 with keep-alive.
 */
final class TcpConnection extends Flow {
    private enum Step { SYN, SYN_ACK, HANDSHAKE_ACK, REQUEST, REQUEST_ACK, RESPONSE, RESPONSE_ACK, FIN, FIN_REPLY, LAST_ACK, RESET }

    private static final int INITIAL_WINDOW_SEGMENTS = 10;
    /** A TLS 1.3 Finished as a record: 4-byte handshake header, 32-byte verify_data, content type, 16-byte tag. */
    private static final int TLS13_FINISHED_RECORD = 32 + TlsMessages.TLS13_OVERHEAD + 4;
    /** A TLS 1.2 Finished under AES-GCM: 4-byte header and 12-byte verify_data, then nonce and tag. */
    private static final int TLS12_FINISHED_RECORD = 16 + TlsMessages.TLS12_OVERHEAD;
    /** Line rates of the path's narrowest link, in Mbit/s. */
    private static final int[] BOTTLENECKS_MBPS = {20, 50, 100, 100, 300, 1000};
    private static final int[] SERVER_WINDOW_SHIFTS = {7, 9, 10};
    /** Linux's delayed-ACK timer; a server that thinks longer acknowledges the request first. */
    private static final long DELAYED_ACK = 40 * MILLISECOND;

    private final ResponseStream response;
    private final byte[] sessionId = new byte[TlsMessages.SESSION_ID_LENGTH];
    private final TcpSegmentBuilder tcp;
    private final byte[] frame;

    private Step step;
    private boolean tls;
    private boolean tls13;
    private DomainName host;
    private long roundTrip;
    private long segmentGap;
    private int maxWindowSegments;
    private int segmentPayload;
    private int clientMss;
    private int serverMss;
    private int clientWindowShift;
    private int serverWindowShift;
    private int exchange;
    private int exchanges;
    private boolean serverCloses;
    private boolean clientResets;

    /** Next sequence number each side sends. */
    private int clientSeq;
    private int serverSeq;
    /**
     * Random per-connection timestamp offsets, as Linux has used since 4.10
     * (net.ipv4.tcp_timestamps = 1), and the last value each side sent.
     */
    private int clientTsOffset;
    private int serverTsOffset;
    private int lastClientTs;
    private int lastServerTs;
    private long receivedByClient;
    private int windowSegments;
    private int sentThisRound;
    private long roundStartedAt;
    private int unacknowledged;
    private long nextSegmentAt;

    TcpConnection(FlowContext context) {
        super(context);
        this.response = new ResponseStream(context.opaque());
        this.tcp = context.tcp();
        this.frame = context.frame();
    }

    @Override
    void begin() {
        boolean ipv6 = pickIpv6();
        connectTo(context.addresses().server(random, ipv6));
        int roll = random.nextInt(100);
        conversation.serverPort = roll < 65 ? 443 : roll < 90 ? 80 : 8080;
        conversation.clientPort = ephemeralPort();
        conversation.dontFragment = true;
        tls = conversation.serverPort == 443;
        tls13 = tls && random.chance(0.8);
        host = context.addresses().domain(random);
        if (tls) {
            random.nextBytes(sessionId, 0, sessionId.length);
        }

        roundTrip = roundTrip(25);
        long bitsPerSecond = random.pick(BOTTLENECKS_MBPS) * 1_000_000L;
        // Full-size frames leave the bottleneck back to back: frame, FCS, preamble and gap.
        segmentGap = (IpFrameBuilder.MAX_FRAME + 24) * 8 * SECOND / bitsPerSecond;
        long bandwidthDelay = bitsPerSecond * roundTrip / SECOND / 8 / 1500;
        maxWindowSegments = Math.clamp(bandwidthDelay, INITIAL_WINDOW_SEGMENTS, 400);
        // The MSS is the MTU less 40 (IPv4) or 60 (IPv6) header bytes; some CDNs clamp it lower.
        clientMss = ipv6 ? 1440 : 1460;
        serverMss = random.chance(0.15) ? clientMss - 80 : clientMss;
        segmentPayload = Math.min(clientMss, serverMss) - (TcpSegmentBuilder.HEADER_WITH_TIMESTAMPS - 20);
        clientWindowShift = 7;
        serverWindowShift = random.pick(SERVER_WINDOW_SHIFTS);

        exchange = 0;
        int requests = random.chance(0.6) ? 1 : random.chance(0.6) ? 2 : 3;
        exchanges = tls ? requests + 1 : requests;
        serverCloses = random.chance(0.3);
        clientResets = !serverCloses && random.chance(0.06);

        // RFC 6528: initial sequence numbers are unpredictable.
        clientSeq = random.nextInt();
        serverSeq = random.nextInt();
        clientTsOffset = random.nextInt();
        serverTsOffset = random.nextInt();
        lastClientTs = 0;
        lastServerTs = 0;
        receivedByClient = 0;
        step = Step.SYN;
    }

    @Override
    int writeNextPacket(long now) {
        return switch (step) {
            case SYN -> {
                // Linux offers a window of 44 segments in its SYN and 45 in its SYN-ACK.
                int length = tcp.writeSyn(conversation, true, SYN, clientSeq, 0, 44 * clientMss,
                        clientMss, clientWindowShift, clientTimestamp(now), 0);
                clientSeq++;
                step = Step.SYN_ACK;
                next(now + roundTrip);
                yield length;
            }
            case SYN_ACK -> {
                int length = tcp.writeSyn(conversation, false, SYN | ACK, serverSeq, clientSeq,
                        45 * (serverMss - 12), serverMss, serverWindowShift, serverTimestamp(now), lastClientTs);
                serverSeq++;
                step = Step.HANDSHAKE_ACK;
                next(now + localReaction());
                yield length;
            }
            case HANDSHAKE_ACK -> {
                int length = clientSegment(now, ACK);
                step = Step.REQUEST;
                // A TLS client computes its key share before the ClientHello goes out.
                next(now + (tls ? random.between(150, 2_000) : random.between(30, 400)) * MICROSECOND);
                yield length;
            }
            case REQUEST -> writeRequest(now);
            case REQUEST_ACK -> {
                int length = serverSegment(now, ACK);
                step = Step.RESPONSE;
                next(nextSegmentAt);
                yield length;
            }
            case RESPONSE -> writeResponseSegment(now);
            case RESPONSE_ACK -> {
                int length = clientSegment(now, ACK);
                unacknowledged = 0;
                afterAcknowledgement(now);
                yield length;
            }
            case FIN -> {
                int length = serverCloses ? serverSegment(now, FIN | ACK) : clientSegment(now, FIN | ACK);
                if (serverCloses) {
                    serverSeq++;
                } else {
                    clientSeq++;
                }
                step = Step.FIN_REPLY;
                next(now + (serverCloses ? random.between(50, 3_000) * MICROSECOND : roundTrip));
                yield length;
            }
            case FIN_REPLY -> {
                int length = serverCloses ? clientSegment(now, FIN | ACK) : serverSegment(now, FIN | ACK);
                if (serverCloses) {
                    clientSeq++;
                } else {
                    serverSeq++;
                }
                step = Step.LAST_ACK;
                next(now + (serverCloses ? roundTrip : localReaction()));
                yield length;
            }
            case LAST_ACK -> {
                int length = serverCloses ? serverSegment(now, ACK) : clientSegment(now, ACK);
                finish();
                yield length;
            }
            case RESET -> {
                // An aborting client (a closed browser tab) resets instead of closing: RFC 9293 §3.10.5.
                tcp.begin(conversation, true, RST | ACK, clientSeq, serverSeq, 0, clientTimestamp(now), lastServerTs);
                finish();
                yield tcp.finish(0);
            }
        };
    }

    private int writeRequest(long now) {
        int payloadAt = tcp.begin(conversation, true, PSH | ACK, clientSeq, serverSeq, clientWindow(),
                clientTimestamp(now), lastServerTs);
        boolean lastExchange = exchange == exchanges - 1;
        long epochSeconds = context.startEpochSeconds() + now / SECOND;
        long serverThink;
        int end;
        if (!tls) {
            boolean post = random.chance(0.15);
            int resource = HttpMessages.pickResource(random);
            end = HttpMessages.writeRequest(frame, payloadAt, random, post, resource, host, conversation.serverPort,
                    lastExchange && serverCloses);
            int status = HttpMessages.pickStatus(random, post);
            boolean success = status == HttpMessages.OK || status == HttpMessages.CREATED;
            // Error pages and answers to form posts are HTML.
            int contentType = success && !post ? HttpMessages.contentTypeOf(resource) : HttpMessages.HTML;
            long content = !HttpMessages.hasBody(status) ? 0 : success ? objectSize() : random.between(150, 600);
            boolean gzip = content > 0 && HttpMessages.isGzip(contentType);
            long body = gzip ? ResponseStream.gzipLength(content) : content;
            int head = HttpMessages.writeResponseHead(response.head(), 0, random, status, contentType, body,
                    epochSeconds, host, lastExchange && serverCloses);
            if (gzip) {
                response.gzip(head, content, random.nextLong());
            } else {
                response.plain(head, body, random.nextLong());
            }
            serverThink = random.exponential(8 * MILLISECOND) + 200 * MICROSECOND;
        } else if (exchange == 0) {
            end = TlsMessages.writeClientHello(frame, payloadAt, random, host, tls13, sessionId);
            int head = TlsMessages.writeServerHello(response.head(), 0, random, tls13, sessionId);
            head = TlsMessages.writeChangeCipherSpec(response.head(), head);
            if (tls13) {
                // EncryptedExtensions, Certificate, CertificateVerify and Finished, all encrypted.
                response.records(head, random.between(2_400, 5_200), TlsMessages.TLS13_OVERHEAD, random.nextLong());
            } else {
                // A resumed 1.2 session: the server's Finished follows its ChangeCipherSpec.
                head = TlsMessages.writeEncryptedRecord(response.head(), head, TlsMessages.HANDSHAKE,
                        TLS12_FINISHED_RECORD, context.opaque(), random.nextLong());
                response.plain(head, 0, 0);
            }
            serverThink = random.between(300, 3_000) * MICROSECOND;
        } else {
            int o = payloadAt;
            if (exchange == 1) {
                // The client's side of the handshake end, sent together with its first request.
                o = TlsMessages.writeChangeCipherSpec(frame, o);
                o = tls13
                        ? TlsMessages.writeEncryptedRecord(frame, o, TlsMessages.APPLICATION_DATA, TLS13_FINISHED_RECORD,
                                context.opaque(), random.nextLong())
                        : TlsMessages.writeEncryptedRecord(frame, o, TlsMessages.HANDSHAKE, TLS12_FINISHED_RECORD,
                                context.opaque(), random.nextLong());
            }
            end = TlsMessages.writeEncryptedRecord(frame, o, TlsMessages.APPLICATION_DATA,
                    random.between(120, 900) + recordOverhead(), context.opaque(), random.nextLong());
            response.records(0, objectSize(), recordOverhead(), random.nextLong());
            serverThink = random.exponential(8 * MILLISECOND) + 200 * MICROSECOND;
        }
        int requestLength = end - payloadAt;
        int length = tcp.finish(requestLength);
        clientSeq += requestLength;

        nextSegmentAt = now + roundTrip + serverThink;
        windowSegments = INITIAL_WINDOW_SEGMENTS; // restart after idle, RFC 5681 §4.1
        sentThisRound = 0;
        roundStartedAt = nextSegmentAt;
        unacknowledged = 0;
        if (serverThink > DELAYED_ACK) {
            step = Step.REQUEST_ACK;
            next(now + roundTrip + DELAYED_ACK);
        } else {
            step = Step.RESPONSE;
            next(nextSegmentAt);
        }
        return length;
    }

    private int writeResponseSegment(long now) {
        boolean last = response.remaining() <= segmentPayload;
        int payloadAt = tcp.begin(conversation, false, last ? PSH | ACK : ACK, serverSeq, clientSeq,
                serverWindow(), serverTimestamp(now), lastClientTs);
        int payload = response.read(frame, payloadAt, segmentPayload);
        int length = tcp.finish(payload);
        serverSeq += payload;
        receivedByClient += payload;
        unacknowledged++;
        sentThisRound++;
        if (sentThisRound >= windowSegments) {
            // The round's window is spent: the next one starts when its first ACK is back.
            windowSegments = Math.min(windowSegments * 2, maxWindowSegments);
            sentThisRound = 0;
            nextSegmentAt = Math.max(now + segmentGap, roundStartedAt + roundTrip);
            roundStartedAt = nextSegmentAt;
        } else {
            nextSegmentAt = now + segmentGap;
        }
        if (unacknowledged == 2 || last) {
            step = Step.RESPONSE_ACK;
            next(now + localReaction());
        } else {
            next(nextSegmentAt);
        }
        return length;
    }

    private void afterAcknowledgement(long now) {
        if (response.remaining() > 0) {
            step = Step.RESPONSE;
            next(Math.max(nextSegmentAt, now));
            return;
        }
        exchange++;
        if (exchange < exchanges) {
            step = Step.REQUEST;
            // Right after a TLS handshake the request is ready; later ones wait for the user or page.
            long pause = tls && exchange == 1
                    ? random.between(100, 1_500) * MICROSECOND
                    : MILLISECOND + random.exponential(60 * MILLISECOND);
            next(now + pause);
        } else if (clientResets) {
            step = Step.RESET;
            next(now + random.exponential(150 * MILLISECOND));
        } else {
            step = Step.FIN;
            // A server told "Connection: close" closes at once; an idle client lingers first.
            next(now + (serverCloses ? random.between(20, 300) * MICROSECOND
                    : MILLISECOND + random.exponential(200 * MILLISECOND)));
        }
    }

    /** Plaintext size of a response: mostly small objects, a long tail of downloads. */
    private long objectSize() {
        return (long) Math.min(random.logNormal(8.6, 1.6), 3_000_000) + 200;
    }

    private int recordOverhead() {
        return tls13 ? TlsMessages.TLS13_OVERHEAD : TlsMessages.TLS12_OVERHEAD;
    }

    private int clientSegment(long now, int flags) {
        int payloadAt = tcp.begin(conversation, true, flags, clientSeq, serverSeq, clientWindow(),
                clientTimestamp(now), lastServerTs);
        return tcp.finish(0);
    }

    private int serverSegment(long now, int flags) {
        int payloadAt = tcp.begin(conversation, false, flags, serverSeq, clientSeq, serverWindow(),
                serverTimestamp(now), lastClientTs);
        return tcp.finish(0);
    }

    /** The client's receive window grows as data arrives, as Linux receive-buffer tuning does. */
    private int clientWindow() {
        long bytes = Math.min(64_240 + 2 * receivedByClient, 6L << 20);
        return (int) (bytes >> clientWindowShift);
    }

    private int serverWindow() {
        return 65_160 >> serverWindowShift;
    }

    /** Timestamp clocks tick once a millisecond, as Linux's do (RFC 7323 §5.4 allows 1 ms to 1 s). */
    private int clientTimestamp(long now) {
        lastClientTs = clientTsOffset + (int) (now / MILLISECOND);
        return lastClientTs;
    }

    private int serverTimestamp(long now) {
        lastServerTs = serverTsOffset + (int) (now / MILLISECOND);
        return lastServerTs;
    }
}
