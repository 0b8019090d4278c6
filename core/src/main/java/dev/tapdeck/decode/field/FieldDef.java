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

    /**
     * How Wireshark declares an integer field's display ({@code BASE_HEX_DEC} and so on), as
     * {@code tshark -G fields} lists it. Its first base is the one the value prints in; the
     * tree adds the second in parentheses ({@code Identification: 0x334c (13132)}).
     */
    public enum Display {
        NONE(Base.DEC), DEC(Base.DEC), HEX(Base.HEX), DEC_HEX(Base.DEC), HEX_DEC(Base.HEX), CUSTOM(Base.DEC),
        /** A port: decimal, with the port's service name when name resolution is on (Tapdeck's is off, as tshark -n). */
        PT_TCP(Base.DEC), PT_UDP(Base.DEC);

        private final Base base;

        Display(Base base) {
            this.base = base;
        }

        public Base base() { return base; }

        /** {@code BASE_HEX_DEC}, as tshark names it. */
        public String wiresharkName() { return "BASE_" + name(); }
    }

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
    private Display display = Display.DEC;
    /** The bits of its word the field takes (Wireshark's {@code bitmask}); 0 for a whole field. */
    private long bitmask;
    /** For a boolean flag, the width in bits of the word it is a bit of; 0 for a stand-alone boolean. */
    private int flagWordBits;
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
        return display(Display.HEX);
    }

    FieldDef display(Display display) {
        this.display = display;
        return this;
    }

    /** An integer field of some bits of its word. */
    FieldDef mask(long bitmask) {
        this.bitmask = bitmask;
        return this;
    }

    /** A boolean that is the {@code bitmask} bits of a {@code wordBits}-bit word. */
    FieldDef bit(int wordBits, long bitmask) {
        this.flagWordBits = wordBits;
        this.bitmask = bitmask;
        return this;
    }

    /** A boolean's words for true and false (Wireshark's {@code true_false_string}); without them it shows True or False. */
    FieldDef trueFalse(String whenTrue, String whenFalse) {
        return values(Map.of(1L, whenTrue, 0L, whenFalse));
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

    /** The base the value prints in: {@link Display#base()} of its display. */
    public Base base() { return display.base(); }

    public Display display() { return display; }

    /** Wireshark's bitmask of the field within its word; 0 for a field that is a whole number of bytes. */
    public long bitmask() { return bitmask; }

    /** For a boolean that is a bit of a word, the word's width in bits; 0 otherwise. */
    public int flagWordBits() { return flagWordBits; }

    /** Wireshark's blurb, empty where it has none. */
    public String description() { return description; }

    /** Names of values ({@code 6 -> TCP} for {@code ip.proto}, 1 and 0 for a boolean's words); empty where the field has none. */
    public Map<Long, String> valueNames() { return valueNames; }

    /** The name of {@code value}, or null when it has none. */
    public String valueName(long value) { return valueNames.get(value); }

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
