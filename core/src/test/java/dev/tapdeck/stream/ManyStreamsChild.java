package dev.tapdeck.stream;

import static dev.tapdeck.stream.Frames.ACK;
import static dev.tapdeck.stream.Frames.SYN;

/**
 * Run by {@link ManyStreamsTest} in a JVM of its own with a small heap: opens 100,000 TCP
 * connections that are all open at once, each with a segment held out of order while the one
 * before it is missing, then fills every hole, and prints what the listener received:
 * "streams bytes gaps held".
 */
public final class ManyStreamsChild {
    static final int STREAMS = 100_000;
    static final int CHUNK = 100;
    static final int IN_ORDER_ROUNDS = 4;

    private ManyStreamsChild() {
    }

    public static void main(String[] args) {
        Frames frames = new Frames();
        long[] delivered = new long[1];
        StreamTracker tracker = new StreamTracker().listen(new StreamListener() {
            @Override
            public void data(boolean tcp, int stream, boolean fromClient, long frame, long timeNanos, byte[] bytes, int offset, int length) {
                delivered[0] += length;
            }
        });
        StreamFacts facts = new StreamFacts();
        byte[] chunk = new byte[CHUNK];
        long frame = 0;
        long clientIsn = 1000;
        long serverIsn = 50_000;
        for (int round = 0; round < IN_ORDER_ROUNDS + 4; round++) {
            for (int i = 0; i < STREAMS; i++) {
                int client = 0x0a00_0000 | i;
                byte[] packet;
                if (round == 0) {
                    packet = Frames.tcp(client, 40000, Frames.SERVER, 80, SYN, clientIsn, 0, new byte[0]);
                } else if (round == 1) {
                    packet = Frames.tcp(Frames.SERVER, 80, client, 40000, SYN | ACK, serverIsn, clientIsn + 1, new byte[0]);
                } else {
                    int data = round - 2; // chunks 0..IN_ORDER_ROUNDS+1, the last but one sent after the last
                    int chunkNumber = data == IN_ORDER_ROUNDS ? IN_ORDER_ROUNDS + 1 : data == IN_ORDER_ROUNDS + 1 ? IN_ORDER_ROUNDS : data;
                    packet = Frames.tcp(client, 40000, Frames.SERVER, 80, ACK, clientIsn + 1 + (long) CHUNK * chunkNumber, serverIsn + 1, chunk);
                }
                tracker.offer(frames.decode(packet), ++frame, frame, facts);
            }
            if (round == IN_ORDER_ROUNDS + 2) {
                System.out.println("held " + tracker.heldBytes());
            }
        }
        System.out.println("streams " + tracker.tcpStreams() + " bytes " + delivered[0] + " gaps " + tracker.gaps() + " held " + tracker.heldBytes());
    }
}
