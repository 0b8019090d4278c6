package dev.tapdeck.analysis;

import dev.tapdeck.analysis.process.ProcessInfo;
import dev.tapdeck.decode.LinkTypes;
import dev.tapdeck.decode.PacketDecoder;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;

import static dev.tapdeck.analysis.TestTraffic.*;
import static dev.tapdeck.decode.TestPackets.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flows and their programs: asked once per new flow, the answer given to the flow when it
 * comes back on the counting thread, the flow's packets carrying it from then on; a recorded
 * program needs no asking; what nobody could say is counted.
 */
class FlowOwnersTest {
    private static final ProcessInfo CURL = new ProcessInfo(4242, "curl", "curl http://10.0.0.2/", "alice", null);
    private static final ProcessInfo DIG = new ProcessInfo(77, "dig", "", "", null);

    /**
     * Owners known by the initiator's local port, answered only when {@link #answerAll} says
     * so: as a lookup on another thread answers some packets later.
     */
    private static final class PortOwners implements FlowOwners {
        private final Map<Integer, ProcessInfo> byPort;
        private final int capacity;
        final List<String> questions = new ArrayList<>();
        private final Queue<Object[]> pending = new ArrayDeque<>();
        private final Queue<Object[]> answered = new ArrayDeque<>();

        PortOwners(Map<Integer, ProcessInfo> byPort, int capacity) {
            this.byPort = byPort;
            this.capacity = capacity;
        }

        @Override
        public boolean ask(int entry, long flowId, int ipProtocol, long initiatorHigh, long initiatorLow, int initiatorPort,
                           long responderHigh, long responderLow, int responderPort) {
            if (pending.size() >= capacity) {
                return false;
            }
            InetAddress initiator = FlowOwners.address(initiatorHigh, initiatorLow);
            InetAddress responder = FlowOwners.address(responderHigh, responderLow);
            questions.add(ipProtocol + " " + initiator.getHostAddress() + ":" + initiatorPort + " " + responder.getHostAddress() + ":" + responderPort);
            pending.add(new Object[] {entry, flowId, byPort.get(initiatorPort)});
            return true;
        }

        void answerAll() {
            answered.addAll(pending);
            pending.clear();
        }

        @Override
        public void collect(Answers answers) {
            for (Object[] answer; (answer = answered.poll()) != null; ) {
                answers.owner((int) answer[0], (long) answer[1], (ProcessInfo) answer[2]);
            }
        }
    }

    private final PacketDecoder decoder = new PacketDecoder();

    private long tcp(Analyzer analyzer, long timeNanos, String source, int sourcePort, String destination, int destinationPort,
                     int flags, ProcessInfo recorded) {
        byte[] frame = ethernet(ETHERTYPE_IPV4, ipv4(source, destination, PROTO_TCP)
                .wrap(dev.tapdeck.decode.TestPackets.tcp(sourcePort, destinationPort).flags(flags).wrap(new byte[10])));
        return analyzer.accept(1, decoder.decode(MemorySegment.ofArray(frame), 0, frame.length, frame.length, LinkTypes.ETHERNET),
                timeNanos, recorded);
    }

    @Test
    void aFlowIsAskedOnceAndItsPacketsCarryTheAnswerOnceItCame() {
        PortOwners owners = new PortOwners(Map.of(40000, CURL), 10);
        Analyzer analyzer = new Analyzer(AnalysisSettings.DEFAULTS).attributing(owners);

        // The SYN-ACK seen first: the destination (10.0.0.1:40000) opened the connection.
        tcp(analyzer, at(1_000), "10.0.0.2", 80, "10.0.0.1", 40000, SYN | ACK, null);
        assertThat(analyzer.lastPacketProcess()).as("no answer yet").isNull();
        tcp(analyzer, at(2_000), "10.0.0.1", 40000, "10.0.0.2", 80, ACK, null);
        assertThat(analyzer.lastPacketProcess()).isNull();
        owners.answerAll();
        tcp(analyzer, at(3_000), "10.0.0.2", 80, "10.0.0.1", 40000, ACK, null);
        assertThat(analyzer.lastPacketProcess()).isEqualTo(CURL);

        assertThat(owners.questions).containsExactly("6 10.0.0.1:40000 10.0.0.2:80");
        Flow flow = analyzer.flows(Flow.Order.BYTES, 10).getFirst();
        assertThat(flow.process()).contains(CURL);
        assertThat(analyzer.programs(10)).singleElement().satisfies(program -> {
            assertThat(program.process()).isEqualTo(CURL);
            assertThat(program.flows()).isEqualTo(1);
            assertThat(program.packets()).isEqualTo(3);
            assertThat(program.bytes()).isEqualTo(flow.bytes());
        });
        assertThat(analyzer.summary().attributedFlows()).isEqualTo(1);
        assertThat(analyzer.summary().unattributedFlows()).isZero();
    }

    @Test
    void anAnswerThatComesWhileNoPacketDoesReachesTheListing() {
        PortOwners owners = new PortOwners(Map.of(40000, CURL), 10);
        Analyzer analyzer = new Analyzer(AnalysisSettings.DEFAULTS).attributing(owners);
        tcp(analyzer, at(1_000), "10.0.0.1", 40000, "10.0.0.2", 80, SYN, null);
        owners.answerAll();
        assertThat(analyzer.flows(Flow.Order.BYTES, 10)).singleElement().satisfies(flow -> assertThat(flow.process()).contains(CURL));
    }

    @Test
    void flowsNobodyOwnsOrNobodyCouldBeAskedAboutAreCountedAndShowNoProgram() {
        PortOwners owners = new PortOwners(Map.of(40000, CURL), 2);
        Analyzer analyzer = new Analyzer(AnalysisSettings.DEFAULTS).attributing(owners);
        tcp(analyzer, at(1_000), "10.0.0.1", 40000, "10.0.0.2", 80, SYN, null);
        tcp(analyzer, at(2_000), "10.0.0.1", 40001, "10.0.0.2", 80, SYN, null);
        tcp(analyzer, at(3_000), "10.0.0.1", 40002, "10.0.0.2", 80, SYN, null); // the queue is full
        owners.answerAll();

        assertThat(analyzer.flows(Flow.Order.LAST_SEEN, 10)).extracting(flow -> flow.process().map(ProcessInfo::name).orElse("?"))
                .containsExactly("?", "?", "curl");
        assertThat(analyzer.summary().attributedFlows()).isEqualTo(1);
        assertThat(analyzer.summary().unattributedFlows()).isEqualTo(2);
        assertThat(analyzer.programs(10)).extracting(ProgramTraffic::process).containsExactly(CURL);
    }

    @Test
    void anAnswerForAFlowThatEndedIsNotGivenToTheFlowThatTookItsPlace() {
        Map<Integer, ProcessInfo> byPort = new java.util.HashMap<>(Map.of(40000, CURL));
        PortOwners owners = new PortOwners(byPort, 10);
        Analyzer analyzer = new Analyzer(AnalysisSettings.DEFAULTS).attributing(owners);
        tcp(analyzer, at(1_000), "10.0.0.1", 40000, "10.0.0.2", 80, SYN, null);
        tcp(analyzer, at(2_000), "10.0.0.1", 40000, "10.0.0.2", 80, RST, null);
        byPort.clear(); // curl exited; the port's next connection is nobody's we know
        tcp(analyzer, at(3_000), "10.0.0.1", 40000, "10.0.0.2", 80, SYN, null);
        owners.answerAll(); // both answers come after the second connection took the first one's place

        assertThat(analyzer.flows(Flow.Order.LAST_SEEN, 10)).singleElement().satisfies(flow -> {
            assertThat(flow.id()).isEqualTo(2);
            assertThat(flow.process()).isEmpty();
        });
        assertThat(owners.questions).hasSize(2);
    }

    @Test
    void aRecordedProgramIsTheFlowsWithoutAskingAndReachesItsOtherPackets() {
        PortOwners owners = new PortOwners(Map.of(), 10);
        Analyzer analyzer = new Analyzer(AnalysisSettings.DEFAULTS).attributing(owners);
        tcp(analyzer, at(1_000), "10.0.0.1", 5353, "10.0.0.2", 53, SYN, DIG);
        tcp(analyzer, at(2_000), "10.0.0.2", 53, "10.0.0.1", 5353, SYN | ACK, null);
        assertThat(analyzer.lastPacketProcess()).isEqualTo(DIG);
        assertThat(owners.questions).isEmpty();
        assertThat(analyzer.flows(Flow.Order.BYTES, 1).getFirst().process()).contains(DIG);
    }
}
