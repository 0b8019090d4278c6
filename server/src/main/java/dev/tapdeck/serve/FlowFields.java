package dev.tapdeck.serve;

import dev.tapdeck.analysis.Flow;
import dev.tapdeck.decode.field.FieldDef;
import dev.tapdeck.decode.field.FieldRegistry;
import dev.tapdeck.decode.field.FieldSource;
import dev.tapdeck.decode.field.FieldValues;
import dev.tapdeck.decode.field.ProcessFields;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * The fields a flow itself has, so that {@code GET /api/flows?filter=} takes the same display
 * filters as the packet list. A flow is seen from its initiator: the initiator is the source,
 * the responder the destination.
 * <ul>
 * <li>{@code ip} and {@code ip.src}, {@code ip.dst}, {@code ip.addr}, {@code ip.proto} for an
 * IPv4 flow; {@code ipv6} and {@code ipv6.src}, {@code ipv6.dst}, {@code ipv6.addr},
 * {@code ipv6.nxt} for an IPv6 one;</li>
 * <li>{@code tcp}, {@code udp}, {@code icmp} or {@code icmpv6} after its protocol, and for TCP
 * and UDP the ports: {@code tcp.srcport}, {@code tcp.dstport}, {@code tcp.port} (udp alike);</li>
 * <li>{@code vlan} and {@code vlan.id} for a flow tagged with a VLAN;</li>
 * <li>{@code proc} and {@code proc.pid}, {@code proc.name} and the rest for a flow whose program is known.</li>
 * </ul>
 * Every other field is absent from every flow: {@code http} matches none, {@code !http} all.
 * A protocol's value is empty, as a flow holds no bytes.
 */
final class FlowFields implements FieldSource {
    private static final byte[] NO_BYTES = {};
    private static final int TCP = 6, UDP = 17, ICMP = 1, ICMPV6 = 58;

    /** Each field a flow has, with how to read it. */
    private static final Map<FieldDef, BiConsumer<Flow, FieldValues>> READERS = new LinkedHashMap<>();

    static {
        Predicate<Flow> ipv4 = flow -> flow.initiator() instanceof Inet4Address;
        Predicate<Flow> ipv6 = ipv4.negate();
        read("ip", ipv4, FlowFields::present);
        read("ip.src", ipv4, (flow, out) -> address(flow.initiator(), out));
        read("ip.dst", ipv4, (flow, out) -> address(flow.responder(), out));
        read("ip.addr", ipv4, FlowFields::bothAddresses);
        read("ip.proto", ipv4, (flow, out) -> out.addNumber(flow.ipProtocol()));
        read("ipv6", ipv6, FlowFields::present);
        read("ipv6.src", ipv6, (flow, out) -> address(flow.initiator(), out));
        read("ipv6.dst", ipv6, (flow, out) -> address(flow.responder(), out));
        read("ipv6.addr", ipv6, FlowFields::bothAddresses);
        read("ipv6.nxt", ipv6, (flow, out) -> out.addNumber(flow.ipProtocol()));
        for (Map.Entry<String, Integer> transport : List.of(Map.entry("tcp", TCP), Map.entry("udp", UDP))) {
            String name = transport.getKey();
            Predicate<Flow> carries = flow -> flow.ipProtocol() == transport.getValue();
            read(name, carries, FlowFields::present);
            read(name + ".srcport", carries, (flow, out) -> out.addNumber(flow.initiatorPort()));
            read(name + ".dstport", carries, (flow, out) -> out.addNumber(flow.responderPort()));
            read(name + ".port", carries, (flow, out) -> {
                out.addNumber(flow.initiatorPort());
                out.addNumber(flow.responderPort());
            });
        }
        read("icmp", flow -> flow.ipProtocol() == ICMP, FlowFields::present);
        read("icmpv6", flow -> flow.ipProtocol() == ICMPV6, FlowFields::present);
        // The flow table keeps the outermost tag, 0 for none (a priority tag, VLAN 0, is none either).
        Predicate<Flow> tagged = flow -> flow.vlan() > 0;
        read("vlan", tagged, FlowFields::present);
        read("vlan.id", tagged, (flow, out) -> out.addNumber(flow.vlan()));
        for (FieldDef field : ProcessFields.all()) {
            READERS.put(field, (flow, out) -> ProcessFields.collect(field, flow.owner(), out));
        }
    }

    private Flow flow;

    /** Declares that flows which {@code have} the field have the values {@code reader} adds. */
    private static void read(String field, Predicate<Flow> have, BiConsumer<Flow, FieldValues> reader) {
        READERS.put(FieldRegistry.require(field), (flow, out) -> {
            if (have.test(flow)) {
                reader.accept(flow, out);
            }
        });
    }

    /** The names of the fields a flow has, as the documentation lists them. */
    static List<String> names() {
        return READERS.keySet().stream().map(FieldDef::name).toList();
    }

    /** Reads {@code flow}'s fields from now on. */
    FlowFields wrap(Flow flow) {
        this.flow = flow;
        return this;
    }

    @Override
    public void collect(FieldDef field, FieldValues out) {
        out.clear();
        BiConsumer<Flow, FieldValues> reader = READERS.get(field);
        if (reader != null) {
            reader.accept(flow, out);
        }
    }

    /** A protocol's one occurrence, without bytes. */
    private static void present(Flow flow, FieldValues out) {
        out.addBytes(NO_BYTES, 0, 0);
    }

    private static void bothAddresses(Flow flow, FieldValues out) {
        address(flow.initiator(), out);
        address(flow.responder(), out);
    }

    /** An address as a packet's field holds it: IPv4 as its 32 bits and its bytes, IPv6 as its 16 bytes. */
    private static void address(InetAddress address, FieldValues out) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            long bits = (bytes[0] & 0xffL) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8 | bytes[3] & 0xff;
            out.addNumber(bits, bytes, 0, 4);
        } else {
            out.addBytes(bytes, 0, bytes.length);
        }
    }
}
