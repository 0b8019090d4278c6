package dev.tapdeck.capture.attribution;

import dev.tapdeck.analysis.Flow;
import dev.tapdeck.analysis.FlowTable;
import dev.tapdeck.analysis.process.ProcessInfo;
import dev.tapdeck.decode.Dissection;
import dev.tapdeck.decode.PacketDecoder;
import dev.tapdeck.file.CaptureFiles;
import dev.tapdeck.file.CaptureReader;
import dev.tapdeck.file.PacketRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attribution keeps the flow table's hot path allocation-free: with a {@link FlowAttribution}
 * attached, every new flow is asked about, and its answer collected and given to the flow, on
 * the counting thread, allocating nothing there (the answers are made on the worker's thread).
 * The TCP packets of dpkt-http.pcap, replayed round after round, so that its closed connection
 * begins again as a new flow each round. Measured with the JVM's per-thread allocation counter,
 * as AnalyzerAllocationTest does.
 */
@Timeout(60)
class FlowAttributionAllocationTest {
    private static final int WARM_UP_ROUNDS = 2_000;
    private static final int MEASURED_ROUNDS = 10_000;
    private static final long BOUND = 64 * 1024;
    private static final long ROUND_NANOS = 31_000_000_000L;
    private static final ProcessInfo CURL = new ProcessInfo(4242, "curl", "curl http://example.com/", "root", null);

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void askingAndCollectingOwnersAllocatesNothingOnTheCountingThread() throws Exception {
        List<Dissection> packets = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        // The build names the shared folder (tapdeck.shared); a run from the module folder finds it beside the checkout.
        String shared = System.getProperty("tapdeck.shared", "");
        Path capture = (shared.isBlank() ? Path.of("..", "..", "shared") : Path.of(shared)).resolve("corpus").resolve("dpkt-http.pcap");
        try (CaptureReader reader = CaptureFiles.open(capture)) {
            PacketRecord record = new PacketRecord();
            while (reader.next(record)) {
                // One decoder per packet: each dissection stays as decoded while the analyzer reads it again and again.
                Dissection d = new PacketDecoder().decode(record);
                if (d.tcp.present()) {
                    packets.add(d);
                    times.add(record.epochNanos());
                }
            }
        }
        long start = times.getFirst();
        try (FlowAttribution attribution = new FlowAttribution((protocol, initiator, initiatorPort, responder, responderPort)
                -> Optional.of(CURL), FlowAttribution.DEFAULT_CAPACITY)) {
            FlowTable flows = new FlowTable(1024, Duration.ofSeconds(120)).attributing(attribution);
            for (int round = 0; round < WARM_UP_ROUNDS; round++) {
                feed(flows, packets, times, start, round);
            }
            long before = THREADS.getCurrentThreadAllocatedBytes();
            for (int round = WARM_UP_ROUNDS; round < WARM_UP_ROUNDS + MEASURED_ROUNDS; round++) {
                feed(flows, packets, times, start, round);
            }
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;

            // The worker answers on its own thread, and may still be behind: a listing collects what it has answered.
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (flows.attributedFlows() + flows.unattributedFlows() < flows.started() && System.nanoTime() < deadline) {
                Thread.sleep(1);
                flows.flows(Flow.Order.LAST_SEEN, 1);
            }
            // The closed connection begins again each round (a SYN on a closed flow), the other goes on.
            assertThat(flows.started()).isEqualTo(WARM_UP_ROUNDS + MEASURED_ROUNDS + 1L);
            assertThat(flows.attributedFlows() + flows.unattributedFlows()).as("flows answered or refused")
                    .isGreaterThan(MEASURED_ROUNDS);
            assertThat(flows.attributedFlows()).isGreaterThan(MEASURED_ROUNDS / 2);
            assertThat(flows.flows(Flow.Order.LAST_SEEN, 1).getFirst().process()).contains(CURL);
            assertThat(allocated).as("bytes allocated counting %,d packets", (long) MEASURED_ROUNDS * packets.size())
                    .isLessThan(BOUND);
        }
    }

    /** One round: the capture again, 31 s after the last, so its closed connection begins again. */
    private static void feed(FlowTable flows, List<Dissection> packets, List<Long> times, long start, int round) {
        for (int i = 0; i < packets.size(); i++) {
            flows.add(packets.get(i), times.get(i) - start + round * ROUND_NANOS);
        }
    }
}
