package dev.tapdeck.analysis;

import dev.tapdeck.analysis.process.ProcessInfo;

import java.net.InetAddress;

/**
 * Tells a {@link FlowTable} which program owns each new flow, without holding up the packets:
 * the table asks on a flow's first packet ({@link #ask}, which must neither block nor allocate,
 * as it runs on the counting thread), the answer is worked out elsewhere (finding a socket's
 * owner can take a scan of the machine's sockets), and the table collects the answers on its
 * own thread ({@link #collect}) and gives them to their flows.
 *
 * <p>Addresses travel as the table keys them: two longs of a 16-byte address, IPv4 as
 * IPv4-mapped IPv6 (RFC 4291 §2.5.5.2); {@link #address} makes an {@link InetAddress} of them.
 */
public interface FlowOwners {

    /**
     * Asks who owns flow {@code flowId}, held in entry {@code entry} of the asking table (both
     * come back with the answer).
     *
     * @return false when the question could not be taken (its queue is full): the flow stays
     *         unattributed
     */
    boolean ask(int entry, long flowId, int ipProtocol, long initiatorHigh, long initiatorLow, int initiatorPort,
                long responderHigh, long responderLow, int responderPort);

    /** Gives every answer that came since the last call to {@code answers}, on the calling thread. */
    void collect(Answers answers);

    /** Where answers go. */
    interface Answers {
        /** The owner of flow {@code flowId} in entry {@code entry}; null when no program was found. */
        void owner(int entry, long flowId, ProcessInfo process);
    }

    /** The address two longs of a question stand for; an IPv4-mapped one as IPv4. */
    static InetAddress address(long high, long low) {
        return Hosts.inet(high, low);
    }
}
