package dev.tapdeck.decode.field;

import dev.tapdeck.decode.Protocol;

import java.util.List;
import java.util.Map;

/**
 * One field, declared once as Wireshark declares its {@code hf} entries: the filter name
 * ({@code tcp.flags.syn}), the type, the label the detail tree shows, how integers print, the
 * names of values where Wireshark has them. The detail tree, JSON, {@code -e} columns,
 * display filters, the API and the UI all take their fields from the {@link FieldRegistry}.
 *
 * <p>A field may also have a {@linkplain HotRead flyweight reader}, which reads its values
 * straight from the decoder's flyweights without building anything: that is how a filter
 * such as {@code tcp.port == 443} costs nanoseconds. A field without one is read from the
 * packet's detail tree, which is built only for packets that need it.
 */
public final class FieldDef {
    /** How an integer field prints ({@code -T fields}) and shows. */
    public enum Base { DEC, HEX }

    /** Reads a field's occurrences from the decoder's flyweights; allocates nothing. */
    @FunctionalInterface
    public interface HotRead {
        void read(PacketFields packet, FieldValues out);
    }

    private final String name;
    private final FieldType type;
    private final String label;
    private final String protocol;
    /** The dissection layers whose flyweights a hot reader reads; empty for frame-wide fields. */
    private final List<Protocol> layers;
    private Base base = Base.DEC;
    private String description = "";
    private Map<Long, String> valueNames = Map.of();
    private HotRead hot;
    /** For a field that stands for several (ip.addr: ip.src and ip.dst), those fields. */
    private List<FieldDef> anyOf = List.of();

    FieldDef(String name, FieldType type, String label, String protocol, List<Protocol> layers) {
        this.name = name;
        this.type = type;
        this.label = label;
        this.protocol = protocol;
        this.layers = layers;
    }

    // ---- declaration (only while the registry is being built)

    FieldDef hex() {
        this.base = Base.HEX;
        return this;
    }

    FieldDef describe(String description) {
        this.description = description;
        return this;
    }

    FieldDef values(Map<Long, String> valueNames) {
        this.valueNames = Map.copyOf(valueNames);
        return this;
    }

    FieldDef hot(HotRead hot) {
        this.hot = hot;
        return this;
    }

    FieldDef anyOf(FieldDef... fields) {
        this.anyOf = List.of(fields);
        return this;
    }

    // ---- reading

    /** The display-filter name: {@code tcp.srcport}. */
    public String name() { return name; }

    public FieldType type() { return type; }

    /** The label the detail tree shows before the value: {@code Source Port}. */
    public String label() { return label; }

    /** The protocol the field belongs to ({@code tcp} for {@code tcp.srcport}); a protocol's own name for a protocol. */
    public String protocol() { return protocol; }

    public Base base() { return base; }

    /** Wireshark's blurb, empty where it has none. */
    public String description() { return description; }

    /** Names of values ({@code 6 -> TCP} for {@code ip.proto}); empty where the field has none. */
    public Map<Long, String> valueNames() { return valueNames; }

    /** The fields this one stands for, in the order their values are reported; empty for an ordinary field. */
    public List<FieldDef> anyOf() { return anyOf; }

    List<Protocol> layers() { return layers; }

    HotRead hotRead() { return hot; }

    /** True when the field's values can be read from the decoder's flyweights alone. */
    public boolean isHot() { return hot != null; }

    @Override
    public String toString() {
        return name;
    }
}
