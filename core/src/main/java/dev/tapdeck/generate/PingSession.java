package dev.tapdeck.generate;

/**
 * Someone running ping against a server: echo requests a second apart, each answered a round
 * trip later (RFC 792, RFC 4443 §4). The payload is what the two common pings send: Linux
 * iputils puts the send time (a 16-byte struct timeval) before the bytes 0x10, 0x11, ... up to
 * 56 bytes; Windows sends 32 bytes of the alphabet, from a host with an initial TTL of 128.
 */
final class PingSession extends Flow {
    private static final byte[] WINDOWS_DATA = Ascii.bytes("abcdefghijklmnopqrstuvwabcdefghi");
    private static final int LINUX_DATA_LENGTH = 56;
    private static final int TIMEVAL_LENGTH = 16;
    private static final int[] COUNTS = {1, 3, 4, 4, 4, 5, 10};

    private final byte[] frame;
    private final IcmpEchoBuilder icmp;
    private boolean windows;
    private int identifier;
    private int sequence;
    private int lastSequence;
    private boolean replyDue;
    private long requestSentAt;
    private long roundTrip;

    PingSession(FlowContext context) {
        super(context);
        this.frame = context.frame();
        this.icmp = context.icmp();
    }

    @Override
    void begin() {
        connectTo(context.addresses().server(random, pickIpv6()));
        windows = random.chance(0.25);
        if (windows) {
            conversation.clientHopLimit = 128;
        }
        conversation.dontFragment = !windows; // iputils sets DF (path MTU discovery "do")
        identifier = random.nextInt(0x10000);
        sequence = windows ? random.between(1, 4000) : 1;
        lastSequence = sequence + random.pick(COUNTS) - 1;
        roundTrip = roundTrip(20);
        replyDue = false;
    }

    @Override
    int writeNextPacket(long now) {
        if (!replyDue) {
            requestSentAt = now;
        }
        int dataAt = icmp.begin(conversation, !replyDue, identifier, sequence);
        int dataLength = windows ? Ascii.put(frame, dataAt, WINDOWS_DATA) - dataAt : writeLinuxData(dataAt);
        int length = icmp.finish(dataLength);
        if (!replyDue) {
            replyDue = true;
            next(now + roundTrip + random.between(0, 2_000) * MICROSECOND);
        } else if (sequence < lastSequence) {
            replyDue = false;
            sequence++;
            next(Math.max(now, requestSentAt + SECOND + random.between(0, 900) * MICROSECOND));
        } else {
            finish();
        }
        return length;
    }

    /** struct timeval of the request's send time, little-endian as x86-64 stores it, then 0x10... */
    private int writeLinuxData(int at) {
        long micros = requestSentAt / MICROSECOND;
        long seconds = context.startEpochSeconds() + micros / 1_000_000;
        long fraction = micros % 1_000_000;
        for (int i = 0; i < 8; i++) {
            frame[at + i] = (byte) (seconds >>> (8 * i));
            frame[at + 8 + i] = (byte) (fraction >>> (8 * i));
        }
        for (int i = TIMEVAL_LENGTH; i < LINUX_DATA_LENGTH; i++) {
            frame[at + i] = (byte) i;
        }
        return LINUX_DATA_LENGTH;
    }
}
