package dev.tapdeck.cli;

import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.PacketDecoder;
import dev.tapdeck.decode.field.PacketFields;
import dev.tapdeck.file.PacketRecord;
import dev.tapdeck.stream.StreamFacts;
import dev.tapdeck.stream.StreamListener;
import dev.tapdeck.stream.StreamTracker;
import dev.tapdeck.stream.TcpPreferences;
import dev.tapdeck.stream.message.LaterFrames;
import dev.tapdeck.stream.message.StreamMessages;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Decodes a file's packets and prints them on worker threads while the calling thread reads
 * the file. The caller {@link #add}s packets; they are copied into batches, each worker decodes
 * a whole batch with its own {@link PacketFields} and its own {@link PacketPrinter} (which holds
 * its own display filter), and the lines printed are written to the output in packet order,
 * from the caller's thread. {@link #onThisThread} does the same work on the caller's thread,
 * packet by packet; {@link #trackingOnly} prints nothing. Either way the caller's thread tracks
 * the capture's streams in packet order ({@link StreamTracker}), so each packet is printed with
 * its {@code tcp.stream}.
 *
 * <p>Memory is bounded: at most two batches per worker are in flight, and a batch holds at most
 * {@link #BATCH_PACKETS} packets and {@link #BATCH_BYTES} bytes of them (more only to fit one
 * packet larger than that). Not for live input: a batch goes to a worker only when it is full.
 */
final class DecodeWorkers implements AutoCloseable {
    static final int BATCH_PACKETS = 1024;
    static final long BATCH_BYTES = 1 << 20;

    private final LineOutput out;
    /** The printer of a feed decoded on the reading thread itself; null when there are workers, or nothing to print. */
    private final PacketPrinter here;
    private final PacketFields hereFields;
    private final FirstPacketTime firstTime = new FirstPacketTime();
    private final StreamTracker tracker;
    /** Decodes the application messages of the reassembled streams; null unless TCP desegmentation is on. */
    private final StreamMessages messages;
    /**
     * Decodes on the reading thread what the tracker needs, when workers decode the rest: only
     * as far as the transport headers, unless the message decoders read the packet too.
     */
    private final PacketDecoder trackingDecoder;
    private final List<Thread> workers = new ArrayList<>();
    /** What the tracker made of the last packet, when nothing is printed (no workers, nothing decoded here). */
    private final StreamFacts trackedFacts = new StreamFacts();
    private final BlockingQueue<Batch> todo;
    /** Batches handed to the workers, oldest first: their lines are written in this order. */
    private final ArrayDeque<Batch> inFlight = new ArrayDeque<>();
    private final ArrayDeque<Batch> free = new ArrayDeque<>();
    private Batch filling;
    private long nextNumber = 1;

    /**
     * Decoding on the reading thread, each packet as it is added: for input that arrives over
     * time (a pipe from tcpdump), whose lines should not wait for a batch to fill. Messages
     * show what a first pass learnt in {@code later} ({@link LaterFrames#NONE} for none).
     */
    static DecodeWorkers onThisThread(PacketPrinter printer, TcpPreferences preferences, LaterFrames later, LineOutput out) {
        return new DecodeWorkers(printer, List.of(), preferences, later, out);
    }

    /**
     * Nothing printed, the packets only tracked on the reading thread, as far as the tracker
     * needs them decoded: for {@code -q}, where only the streams' listeners ({@code -z follow})
     * print, after the last packet.
     */
    static DecodeWorkers trackingOnly(TcpPreferences preferences, LaterFrames later, LineOutput out) {
        return new DecodeWorkers(null, List.of(), preferences, later, out);
    }

    /**
     * One worker thread per printer; {@code out} receives their lines in packet order.
     * {@code preferences} say what the stream tracker works out; messages show what a first
     * pass learnt in {@code later}.
     */
    static DecodeWorkers onWorkers(List<? extends PacketPrinter> printers, TcpPreferences preferences, LaterFrames later, LineOutput out) {
        return new DecodeWorkers(null, printers, preferences, later, out);
    }

    private DecodeWorkers(PacketPrinter here, List<? extends PacketPrinter> printers, TcpPreferences preferences, LaterFrames later,
                          LineOutput out) {
        this.out = out;
        this.tracker = preferences.tracker();
        this.messages = preferences.desegmentStreams() ? new StreamMessages(StreamMessages.builtIn(), later) : null;
        this.trackingDecoder = messages != null ? new PacketDecoder() : PacketDecoder.throughTransport();
        this.here = here;
        if (here == null) {
            this.hereFields = null;
            if (messages != null) {
                tracker.dissect(messages);
            }
        } else {
            this.hereFields = messages != null ? new PacketFields().desegmenting(tracker, messages) : new PacketFields().tracking(tracker);
        }
        int batches = printers.isEmpty() ? 0 : 2 * printers.size() + 1; // decoding here needs none
        this.todo = new ArrayBlockingQueue<>(Math.max(batches, 1));
        for (int i = 0; i < batches; i++) {
            free.add(new Batch());
        }
        for (PacketPrinter printer : printers) {
            Thread worker = new Thread(() -> work(printer), "tapdeck-decode-" + (workers.size() + 1));
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    /** Delivers the bytes of the capture's streams to {@code listener} too, as the tracker reassembles them. */
    DecodeWorkers listen(StreamListener listener) {
        tracker.listen(listener);
        return this;
    }

    /** Copies {@code packet} into the batch being filled, numbering it after the last one. */
    void add(PacketRecord packet) throws IOException {
        firstTime.offer(packet);
        if (here != null) {
            here.print(hereFields.wrap(nextNumber++, packet, firstTime.nanos()), out);
            return;
        }
        if (workers.isEmpty()) {
            track(packet, trackedFacts);
            nextNumber++;
            return;
        }
        if (filling == null) {
            filling = freeBatch();
        }
        if (!filling.tryAdd(packet, nextNumber)) {
            submit();
            filling = freeBatch();
            filling.tryAdd(packet, nextNumber);
        }
        track(packet, filling.lastFacts());
        nextNumber++;
    }

    /** Tracks the packet numbered next on this thread, in packet order, writing what it is part of into {@code facts}. */
    private void track(PacketRecord packet, StreamFacts facts) {
        Dissection d = trackingDecoder.decode(packet);
        if (messages != null) {
            messages.offer(tracker, d, nextNumber, packet.epochNanos(), facts);
        } else {
            tracker.offer(d, nextNumber, packet.epochNanos(), facts);
        }
    }

    /** Waits for every packet added so far to be decoded and writes the rest of their lines. */
    void finish() throws IOException {
        if (filling != null && filling.count > 0) {
            submit();
        }
        while (!inFlight.isEmpty()) {
            writeOldest();
        }
    }

    /** Stops the workers, whether or not they have finished. */
    @Override
    public void close() {
        workers.forEach(Thread::interrupt);
    }

    private void submit() {
        inFlight.add(filling);
        todo.add(filling); // never full: it holds fewer batches than there are
        filling = null;
    }

    /** A batch to fill: first writes every batch already decoded, then waits for the oldest if none is free. */
    private Batch freeBatch() throws IOException {
        while (!inFlight.isEmpty() && inFlight.peek().isDone()) {
            writeOldest();
        }
        if (free.isEmpty()) {
            writeOldest();
        }
        return free.pop();
    }

    private void writeOldest() throws IOException {
        Batch batch = inFlight.poll();
        batch.awaitDone();
        out.writeBytes(batch.lines.bytes(), batch.lines.size());
        batch.clear();
        free.add(batch);
    }

    private void work(PacketPrinter printer) {
        PacketFields fields = new PacketFields();
        try {
            while (true) {
                todo.take().decode(fields, firstTime, printer);
            }
        } catch (InterruptedException e) {
            // close(): the reading thread is done with us
        }
    }

    /** Packets copied out of the reader, and the lines a worker printed for them. */
    private static final class Batch {
        private MemorySegment bytes = Arena.ofAuto().allocate(BATCH_BYTES);
        private final PacketRecord[] packets = new PacketRecord[BATCH_PACKETS];
        private final StreamFacts[] facts = new StreamFacts[BATCH_PACKETS];
        private final LineOutput lines = LineOutput.inMemory();
        private long used;
        private int count;
        private long firstNumber;
        private boolean done;
        private Throwable failure;

        Batch() {
            Arrays.setAll(packets, i -> new PacketRecord());
            Arrays.setAll(facts, i -> new StreamFacts());
        }

        /** Copies {@code packet} in; false when the batch is full. Always room in an empty batch. */
        boolean tryAdd(PacketRecord packet, long number) {
            int length = packet.capturedLength();
            if (count == BATCH_PACKETS || used + length > bytes.byteSize()) {
                if (count > 0) {
                    return false;
                }
                bytes = Arena.ofAuto().allocate(length);
            }
            if (count == 0) {
                firstNumber = number;
            }
            packets[count++].copyOf(packet, bytes, used);
            used += length;
            return true;
        }

        /** The stream facts of the packet added last, for the reading thread to fill. */
        StreamFacts lastFacts() {
            return facts[count - 1];
        }

        /** On a worker: decodes and prints every packet, then hands the batch back. */
        void decode(PacketFields fields, FirstPacketTime firstTime, PacketPrinter printer) {
            try {
                long reference = firstTime.nanos(); // set by the reading thread before this batch was handed over
                for (int i = 0; i < count; i++) {
                    printer.print(fields.wrap(firstNumber + i, packets[i], reference, facts[i]), lines);
                }
            } catch (Throwable e) { // even an Error: the reading thread waits for this batch
                failure = e;
            }
            synchronized (this) {
                done = true;
                notifyAll();
            }
        }

        synchronized boolean isDone() {
            return done;
        }

        /** Waits for the worker; a failure on the worker is thrown here, on the reading thread. */
        synchronized void awaitDone() throws IOException {
            while (!done) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for the decoding threads", e);
                }
            }
            switch (failure) {
                case null -> { }
                case RuntimeException e -> throw e;
                case Error e -> throw e;
                case IOException e -> throw e;
                default -> throw new IOException(failure);
            }
        }

        void clear() {
            used = 0;
            count = 0;
            lines.clear();
            synchronized (this) {
                done = false;
            }
        }
    }
}
