package dev.tapdeck.capture.attribution;

import dev.tapdeck.analysis.FlowOwners;
import dev.tapdeck.analysis.process.ProcessInfo;
import dev.tapdeck.capture.process.SocketOwners;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A flow table's {@link FlowOwners} over a socket-owner lookup ({@link SocketOwners#ownerOf}):
 * a flow's question goes into a ring of primitives on the counting thread, allocating nothing
 * and never waiting; one worker thread asks the lookup, which may block for a scan of the
 * machine's sockets, and queues the answer for the table to collect. A full ring refuses the
 * question, so a burst of new flows (a port scan) costs the capture nothing: those flows stay
 * unattributed and are counted.
 *
 * <p>One thread asks and collects (the table's), one thread looks up (this one's).
 */
public final class FlowAttribution implements FlowOwners, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FlowAttribution.class);
    /** Questions waiting at most: a few seconds of new flows at a busy host's rate. */
    public static final int DEFAULT_CAPACITY = 4096;
    private static final int LONGS_PER_QUESTION = 9;
    private static final long IDLE_PARK_NANOS = 50_000_000L;

    /** The lookup one question gets; {@link SocketOwners#ownerOf} in a capture. */
    @FunctionalInterface
    public interface Lookup {
        Optional<ProcessInfo> ownerOf(int ipProtocol, InetAddress initiator, int initiatorPort, InetAddress responder, int responderPort);
    }

    private record Answer(int entry, long flowId, ProcessInfo process) { }

    private final Lookup lookup;
    private final int capacity;
    private final long[] questions;
    /** Questions asked (written by the asking thread) and taken (by the worker): the ring's two ends. */
    private final AtomicLong asked = new AtomicLong();
    private final AtomicLong taken = new AtomicLong();
    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final Thread worker;
    private volatile boolean closed;

    /** Starts the worker thread. */
    public FlowAttribution(Lookup lookup, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the attribution queue needs room for at least 1 flow, not " + capacity);
        }
        this.lookup = lookup;
        this.capacity = capacity;
        this.questions = new long[capacity * LONGS_PER_QUESTION];
        this.worker = Thread.ofPlatform().daemon().name("flow-attribution").start(this::answerUntilClosed);
    }

    @Override
    public boolean ask(int entry, long flowId, int ipProtocol, long initiatorHigh, long initiatorLow, int initiatorPort,
                       long responderHigh, long responderLow, int responderPort) {
        long tail = asked.get();
        if (closed || tail - taken.get() >= capacity) {
            return false;
        }
        int at = (int) (tail % capacity) * LONGS_PER_QUESTION;
        questions[at] = entry;
        questions[at + 1] = flowId;
        questions[at + 2] = ipProtocol;
        questions[at + 3] = initiatorHigh;
        questions[at + 4] = initiatorLow;
        questions[at + 5] = initiatorPort;
        questions[at + 6] = responderHigh;
        questions[at + 7] = responderLow;
        questions[at + 8] = responderPort;
        asked.set(tail + 1); // publishes the slot to the worker
        LockSupport.unpark(worker);
        return true;
    }

    @Override
    public void collect(Answers sink) {
        for (Answer answer; (answer = answers.poll()) != null; ) {
            sink.owner(answer.entry(), answer.flowId(), answer.process());
        }
    }

    private void answerUntilClosed() {
        while (!closed) {
            long head = taken.get();
            if (head == asked.get()) {
                LockSupport.parkNanos(this, IDLE_PARK_NANOS);
                continue;
            }
            int at = (int) (head % capacity) * LONGS_PER_QUESTION;
            int entry = (int) questions[at];
            long flowId = questions[at + 1];
            int ipProtocol = (int) questions[at + 2];
            InetAddress initiator = FlowOwners.address(questions[at + 3], questions[at + 4]);
            int initiatorPort = (int) questions[at + 5];
            InetAddress responder = FlowOwners.address(questions[at + 6], questions[at + 7]);
            int responderPort = (int) questions[at + 8];
            taken.set(head + 1); // the slot is read: the asker may reuse it
            answers.add(new Answer(entry, flowId, ownerOf(ipProtocol, initiator, initiatorPort, responder, responderPort)));
        }
    }

    private ProcessInfo ownerOf(int ipProtocol, InetAddress initiator, int initiatorPort, InetAddress responder, int responderPort) {
        try {
            return lookup.ownerOf(ipProtocol, initiator, initiatorPort, responder, responderPort).orElse(null);
        } catch (RuntimeException e) {
            log.warn("Could not look up the program of a flow {}:{} → {}:{}: {}", initiator, initiatorPort, responder, responderPort,
                    e.toString());
            return null;
        }
    }

    /** Stops the worker; questions not yet answered stay unanswered. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(worker);
        try {
            worker.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
