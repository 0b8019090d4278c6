package dev.tapdeck.serve;

import dev.tapdeck.decode.Addresses;
import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.JsonLinesFormat;
import dev.tapdeck.decode.Protocol;
import dev.tapdeck.stream.StreamFacts;
import dev.tapdeck.stream.StreamListener;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reassembled streams of the current capture or replay, for following them: per TCP or
 * UDP stream its two ends, what each side sent, the bytes of each direction, and its segments
 * in the order they were delivered (data, gaps, ends), each with its direction, its offset in
 * that direction's bytes, its length, frame and time. Fed on the pipeline's thread, by the
 * stream tracker (as its {@link StreamListener}) and by the pipeline for every packet (counts,
 * ends); read by REST handlers and the stream's follow notices on other threads.
 *
 * <p>Bounded: at most {@code maxStreams} streams of each protocol are remembered (a new one
 * makes the store forget the oldest), and the bytes and segment records of all of them take
 * at most {@code memoryLimit} bytes. To make room, the oldest streams' bytes and segments are
 * dropped first (the stream is <em>emptied</em>: its ends and counts stay); a stream that finds
 * no room even then keeps counting what it sends but stores no more (<em>truncated</em>). Both
 * are counted in {@link #stats()}.
 */
final class StreamStore implements StreamListener {
    /** What one segment record costs: kind and direction, offset, length, frame and time. */
    static final int SEGMENT_BYTES = 1 + 8 + 4 + 8 + 8;
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 16;
    private static final byte DATA = 0, GAP = 1, END = 2, FROM_CLIENT = 4;
    private static final String[] KINDS = {"data", "gap", "end"};

    private final long memoryLimit;
    private final int maxStreams;
    private final Stream[] tcp;
    private final Stream[] udp;
    private long used;
    /** Streams holding memory, oldest first: the first to be emptied to make room. */
    private Stream oldestHolding, newestHolding;
    private long emptiedStreams, droppedBytes, truncatedStreams, forgottenStreams;
    /** The packet being tracked: gaps and ends it reveals happened at its time. */
    private long timeNanos;

    StreamStore(long memoryLimit, int maxStreams) {
        if (memoryLimit < 1 || maxStreams < 1) {
            throw new IllegalArgumentException("a stream store needs room for at least one stream");
        }
        this.memoryLimit = memoryLimit;
        this.maxStreams = maxStreams;
        tcp = new Stream[maxStreams];
        udp = new Stream[maxStreams];
    }

    /** A new capture or replay: every stream is forgotten, and the counts start again. */
    synchronized void clear() {
        Arrays.fill(tcp, null);
        Arrays.fill(udp, null);
        oldestHolding = newestHolding = null;
        used = 0;
        emptiedStreams = droppedBytes = truncatedStreams = forgottenStreams = 0;
    }

    /** The packet the tracker is given next, at {@code timeNanos}: what it delivers belongs to it. */
    synchronized void packetStarts(long timeNanos) {
        this.timeNanos = timeNanos;
    }

    /**
     * Counts packet {@code frame}, once the tracker has placed it, for its stream and side;
     * a stream's first packet names its ends (its sender is the client).
     */
    synchronized void packetTracked(long frame, Dissection d, StreamFacts facts, int wireLength) {
        boolean isTcp = facts.tcpStream() != StreamFacts.NONE;
        int number = isTcp ? facts.tcpStream() : facts.udpStream();
        if (number == StreamFacts.NONE) {
            return;
        }
        Stream s = stream(isTcp, number, true);
        if (s == null) {
            return;
        }
        if (s.clientAddress == null) {
            nameEnds(s, d, facts.fromClient());
        }
        Side side = s.side(facts.fromClient());
        side.packets++;
        side.wireBytes += wireLength;
        s.seen(frame, timeNanos);
    }

    /**
     * Names the stream's ends from the IP header that carries the packet's first TCP (or UDP)
     * header, as the tracker keys it: the inner one in a tunnel, the quoted one in an ICMP error.
     */
    private static void nameEnds(Stream s, Dissection d, boolean sourceIsClient) {
        Protocol wanted = s.tcp ? Protocol.TCP : Protocol.UDP;
        int transport = 0;
        while (transport < d.layerCount() && d.layer(transport) != wanted) {
            transport++;
        }
        int ip = transport - 1;
        while (ip >= 0 && d.layer(ip) != Protocol.IP && d.layer(ip) != Protocol.IPV6) {
            ip--;
        }
        if (transport == d.layerCount() || ip < 0) {
            return;
        }
        byte[] b = d.bytes();
        long at = d.start() + d.layerOffset(ip);
        StringBuilder source = new StringBuilder(40);
        StringBuilder destination = new StringBuilder(40);
        if (d.layer(ip) == Protocol.IP) {
            boolean outer = d.ipv4.present() && d.ipv4.offset() == d.layerOffset(ip);
            Addresses.appendIpv4(i32(b, at + 12), source);
            // The destination of a source-routed datagram is its last hop (ip.dst), which the decoder knows for the outer header.
            Addresses.appendIpv4(outer ? d.ipv4.destination() : i32(b, at + 16), destination);
        } else {
            Addresses.appendIpv6(b, at + 8, source);
            Addresses.appendIpv6(b, at + 24, destination);
        }
        long ports = d.start() + d.layerOffset(transport);
        int sourcePort = u16(b, ports);
        int destinationPort = u16(b, ports + 2);
        s.clientAddress = (sourceIsClient ? source : destination).toString();
        s.clientPort = sourceIsClient ? sourcePort : destinationPort;
        s.serverAddress = (sourceIsClient ? destination : source).toString();
        s.serverPort = sourceIsClient ? destinationPort : sourcePort;
    }

    private static int u16(byte[] b, long at) {
        return (b[(int) at] & 0xff) << 8 | b[(int) at + 1] & 0xff;
    }

    private static int i32(byte[] b, long at) {
        return u16(b, at) << 16 | u16(b, at + 2);
    }

    @Override
    public synchronized void data(boolean isTcp, int stream, boolean fromClient, long frame, long timeNanos, byte[] bytes, int offset, int length) {
        Stream s = stream(isTcp, stream, true);
        if (s == null || length <= 0) {
            return;
        }
        Side side = s.side(fromClient);
        long at = side.position();
        side.delivered += length;
        s.progress++;
        s.seen(frame, timeNanos);
        if (keeps(s, side, length)) {
            System.arraycopy(bytes, offset, side.bytes, side.kept, length);
            side.kept += length;
            s.addSegment(DATA, fromClient, at, length, frame, timeNanos);
        }
    }

    @Override
    public synchronized void gap(boolean isTcp, int stream, boolean fromClient, long frame, long length) {
        Stream s = stream(isTcp, stream, true);
        if (s == null || length <= 0) {
            return;
        }
        Side side = s.side(fromClient);
        long at = side.position();
        side.missing += length;
        s.progress++;
        if (keeps(s, side, 0)) {
            s.addSegment(GAP, fromClient, at, (int) Math.min(length, Integer.MAX_VALUE), frame, timeNanos);
        }
    }

    @Override
    public synchronized void end(boolean isTcp, int stream, boolean fromClient, long frame) {
        Stream s = stream(isTcp, stream, true);
        if (s == null) {
            return;
        }
        Side side = s.side(fromClient);
        if (side.endFrame >= 0) {
            return;
        }
        side.endFrame = frame;
        s.progress++;
        if (keeps(s, side, 0)) {
            s.addSegment(END, fromClient, side.position(), 0, frame, timeNanos);
        }
    }

    /** The stream, made when {@code create} and it is newer than every one remembered; null when forgotten. */
    private Stream stream(boolean isTcp, int number, boolean create) {
        if (number < 0) {
            return null;
        }
        Stream[] ring = isTcp ? tcp : udp;
        int slot = number % maxStreams;
        Stream s = ring[slot];
        if (s != null && s.number == number) {
            return s;
        }
        if (!create || (s != null && s.number > number)) {
            return null;
        }
        if (s != null) {
            release(s);
            forgottenStreams++;
        }
        s = new Stream(isTcp, number);
        ring[slot] = s;
        return s;
    }

    /**
     * Whether {@code s} can keep a segment with {@code bytes} more bytes of {@code side}: grows
     * its arrays, emptying older streams when the store is full; marks it truncated when not.
     */
    private boolean keeps(Stream s, Side side, int bytes) {
        if (s.emptied || s.truncated) {
            return false;
        }
        long neededBytes = (long) side.kept + bytes;
        int neededSegments = s.segments + 1;
        if (neededBytes > MAX_ARRAY || neededSegments > MAX_ARRAY) {
            return truncate(s);
        }
        int byteCapacity = side.bytes.length >= neededBytes ? side.bytes.length : grown(side.bytes.length, neededBytes, 1024);
        int segmentCapacity = s.kinds.length >= neededSegments ? s.kinds.length : grown(s.kinds.length, neededSegments, 16);
        long extra = (byteCapacity - side.bytes.length) + (long) (segmentCapacity - s.kinds.length) * SEGMENT_BYTES;
        if (extra > 0 && !makeRoom(s, extra)) {
            // Not room to double: room for exactly what is needed, then.
            byteCapacity = (int) Math.max(side.bytes.length, neededBytes);
            segmentCapacity = Math.max(s.kinds.length, neededSegments);
            extra = (byteCapacity - side.bytes.length) + (long) (segmentCapacity - s.kinds.length) * SEGMENT_BYTES;
            if (!makeRoom(s, extra)) {
                return truncate(s);
            }
        }
        if (extra > 0) {
            used += extra;
            side.bytes = Arrays.copyOf(side.bytes, byteCapacity);
            s.growSegments(segmentCapacity);
            if (!s.holding) {
                hold(s);
            }
        }
        return true;
    }

    private static int grown(int capacity, long needed, int least) {
        return (int) Math.min(MAX_ARRAY, Math.max(needed, Math.max(least, 2L * capacity)));
    }

    private boolean truncate(Stream s) {
        s.truncated = true;
        truncatedStreams++;
        return false;
    }

    /** Empties the oldest streams other than {@code keep} until {@code extra} more bytes fit; false when they cannot. */
    private boolean makeRoom(Stream keep, long extra) {
        if (extra > memoryLimit - keep.memory()) {
            return false;
        }
        Stream victim = oldestHolding;
        while (used + extra > memoryLimit && victim != null) {
            Stream next = victim.newer;
            if (victim != keep) {
                droppedBytes += victim.client.kept + victim.server.kept;
                release(victim);
                victim.emptied = true;
                emptiedStreams++;
            }
            victim = next;
        }
        return used + extra <= memoryLimit;
    }

    private void hold(Stream s) {
        s.holding = true;
        s.older = newestHolding;
        if (newestHolding != null) {
            newestHolding.newer = s;
        } else {
            oldestHolding = s;
        }
        newestHolding = s;
    }

    /** Gives back everything {@code s} holds. */
    private void release(Stream s) {
        if (!s.holding) {
            return;
        }
        used -= s.memory();
        s.client.drop();
        s.server.drop();
        s.dropSegments();
        if (s.older != null) {
            s.older.newer = s.newer;
        } else {
            oldestHolding = s.newer;
        }
        if (s.newer != null) {
            s.newer.older = s.older;
        } else {
            newestHolding = s.older;
        }
        s.older = s.newer = null;
        s.holding = false;
    }

    /** How much has happened on a stream (data, gaps, ends delivered); -1 for a stream not remembered. */
    synchronized long progress(boolean isTcp, int number) {
        Stream s = stream(isTcp, number, false);
        return s == null ? -1 : s.progress;
    }

    /**
     * The stream as JSON, with the segments numbered {@code after + 1} to {@code after + limit};
     * null for a stream not remembered.
     */
    synchronized String json(boolean isTcp, int number, long after, int limit) {
        Stream s = stream(isTcp, number, false);
        if (s == null) {
            return null;
        }
        StringBuilder json = new StringBuilder(256 + 96 * Math.min(limit, s.segments));
        appendHead(s, json);
        long from = Math.max(after, 0) + 1;
        long to = Math.min(s.segments, Math.max(after, 0) + (long) limit);
        json.append(",\"segmentCount\":").append(s.segments).append(",\"from\":").append(from).append(",\"to\":").append(to)
                .append(",\"segments\":[");
        for (long n = from; n <= to; n++) {
            int i = (int) (n - 1);
            int kind = s.kinds[i] & 3;
            json.append(n == from ? "" : ",").append("{\"n\":").append(n)
                    .append(",\"direction\":\"").append((s.kinds[i] & FROM_CLIENT) != 0 ? "client" : "server")
                    .append("\",\"kind\":\"").append(KINDS[kind]).append("\",\"offset\":").append(s.offsets[i])
                    .append(",\"length\":").append(s.lengths[i]).append(",\"frame\":").append(s.frames[i]).append(",\"time\":");
            appendTime(s.times[i], json);
            json.append('}');
        }
        return json.append("]}").toString();
    }

    /** A short notice for a client following the stream: how far each side has got. */
    synchronized String notice(boolean isTcp, int number) {
        Stream s = stream(isTcp, number, false);
        if (s == null) {
            return null;
        }
        StringBuilder json = new StringBuilder(160).append("{\"type\":\"streamData\",\"proto\":\"").append(s.tcp ? "tcp" : "udp")
                .append("\",\"stream\":").append(s.number).append(",\"segmentCount\":").append(s.segments)
                .append(",\"client\":");
        appendProgress(s.client, json);
        appendProgress(s.server, json.append(",\"server\":"));
        return json.append(",\"emptied\":").append(s.emptied).append(",\"truncated\":").append(s.truncated).append('}').toString();
    }

    private static void appendProgress(Side side, StringBuilder json) {
        json.append("{\"payload\":").append(side.delivered).append(",\"missing\":").append(side.missing)
                .append(",\"end\":").append(side.endFrame < 0 ? "null" : Long.toString(side.endFrame)).append('}');
    }

    private void appendHead(Stream s, StringBuilder json) {
        json.append("{\"proto\":\"").append(s.tcp ? "tcp" : "udp").append("\",\"stream\":").append(s.number).append(",\"client\":");
        appendSide(s.client, s.clientAddress, s.clientPort, json);
        appendSide(s.server, s.serverAddress, s.serverPort, json.append(",\"server\":"));
        json.append(",\"firstFrame\":").append(s.firstFrame).append(",\"lastFrame\":").append(s.lastFrame).append(",\"firstTime\":");
        appendTime(s.firstTime, json);
        appendTime(s.lastTime, json.append(",\"lastTime\":"));
        json.append(",\"emptied\":").append(s.emptied).append(",\"truncated\":").append(s.truncated);
    }

    private static void appendSide(Side side, String address, int port, StringBuilder json) {
        JsonLinesFormat.appendString(address == null ? "" : address, json.append("{\"address\":"));
        json.append(",\"port\":").append(port).append(",\"packets\":").append(side.packets).append(",\"bytes\":").append(side.wireBytes)
                .append(",\"payload\":").append(side.delivered).append(",\"missing\":").append(side.missing)
                .append(",\"kept\":").append(side.kept).append(",\"end\":").append(side.endFrame < 0 ? "null" : Long.toString(side.endFrame))
                .append('}');
    }

    /** Seconds since 1970 with nine decimals, as a JSON number. */
    private static void appendTime(long nanos, StringBuilder json) {
        long seconds = Math.floorDiv(nanos, 1_000_000_000L);
        long fraction = Math.floorMod(nanos, 1_000_000_000L);
        json.append(seconds).append('.');
        String digits = Long.toString(fraction);
        json.append("000000000", 0, 9 - digits.length()).append(digits);
    }

    /** A direction's bytes, or both in the order they were delivered; null for a stream not remembered. */
    synchronized Payload payload(boolean isTcp, int number, Direction direction) {
        Stream s = stream(isTcp, number, false);
        if (s == null) {
            return null;
        }
        byte[] bytes = switch (direction) {
            case CLIENT -> Arrays.copyOf(s.client.bytes, s.client.kept);
            case SERVER -> Arrays.copyOf(s.server.bytes, s.server.kept);
            case BOTH -> interleaved(s);
        };
        return new Payload(bytes, s.emptied, s.truncated);
    }

    private static byte[] interleaved(Stream s) {
        byte[] out = new byte[s.client.kept + s.server.kept];
        int at = 0, client = 0, server = 0;
        for (int i = 0; i < s.segments; i++) {
            if ((s.kinds[i] & 3) != DATA) {
                continue;
            }
            int length = s.lengths[i];
            if ((s.kinds[i] & FROM_CLIENT) != 0) {
                System.arraycopy(s.client.bytes, client, out, at, length);
                client += length;
            } else {
                System.arraycopy(s.server.bytes, server, out, at, length);
                server += length;
            }
            at += length;
        }
        return out;
    }

    enum Direction { CLIENT, SERVER, BOTH }

    /** Bytes of a stream, and whether some were never kept (emptied to make room, or truncated). */
    record Payload(byte[] bytes, boolean emptied, boolean truncated) {}

    /** The store's size and what its limits cost, for the status. */
    synchronized Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("memoryBytes", used);
        stats.put("memoryLimit", memoryLimit);
        stats.put("emptiedStreams", emptiedStreams);
        stats.put("droppedBytes", droppedBytes);
        stats.put("truncatedStreams", truncatedStreams);
        stats.put("forgottenStreams", forgottenStreams);
        return stats;
    }

    /** One direction of a stream. */
    private static final class Side {
        private static final byte[] NONE = new byte[0];
        long packets, wireBytes;
        /** Bytes delivered in order, and bytes reported missing: together, where the next one lies. */
        long delivered, missing;
        long endFrame = -1;
        byte[] bytes = NONE;
        int kept;

        long position() {
            return delivered + missing;
        }

        void drop() {
            bytes = NONE;
        }
    }

    private static final class Stream {
        private static final byte[] NO_KINDS = new byte[0];
        final boolean tcp;
        final int number;
        String clientAddress, serverAddress;
        int clientPort, serverPort;
        long firstFrame = -1, lastFrame = -1, firstTime, lastTime;
        final Side client = new Side();
        final Side server = new Side();
        // The segments, in delivery order, in parallel arrays.
        byte[] kinds = NO_KINDS;
        long[] offsets = new long[0];
        int[] lengths = new int[0];
        long[] frames = new long[0];
        long[] times = new long[0];
        int segments;
        boolean emptied, truncated;
        long progress;
        /** In the store's list of streams holding memory. */
        boolean holding;
        Stream older, newer;

        Stream(boolean tcp, int number) {
            this.tcp = tcp;
            this.number = number;
        }

        Side side(boolean fromClient) {
            return fromClient ? client : server;
        }

        void seen(long frame, long timeNanos) {
            if (firstFrame < 0) {
                firstFrame = frame;
                firstTime = timeNanos;
            }
            if (frame >= lastFrame) {
                lastFrame = frame;
                lastTime = timeNanos;
            }
        }

        long memory() {
            return client.bytes.length + server.bytes.length + (long) kinds.length * SEGMENT_BYTES;
        }

        void growSegments(int capacity) {
            if (capacity > kinds.length) {
                kinds = Arrays.copyOf(kinds, capacity);
                offsets = Arrays.copyOf(offsets, capacity);
                lengths = Arrays.copyOf(lengths, capacity);
                frames = Arrays.copyOf(frames, capacity);
                times = Arrays.copyOf(times, capacity);
            }
        }

        void addSegment(byte kind, boolean fromClient, long offset, int length, long frame, long timeNanos) {
            kinds[segments] = (byte) (kind | (fromClient ? FROM_CLIENT : 0));
            offsets[segments] = offset;
            lengths[segments] = length;
            frames[segments] = frame;
            times[segments] = timeNanos;
            segments++;
        }

        void dropSegments() {
            kinds = NO_KINDS;
            offsets = new long[0];
            lengths = new int[0];
            frames = new long[0];
            times = new long[0];
            segments = 0;
            client.kept = 0;
            server.kept = 0;
        }
    }
}
