package dev.tapdeck.decode.field;

import java.util.List;

/**
 * The fields of a protocol that only a stream decoder gives (a user's own protocol over TCP,
 * such as {@code dev.tapdeck.stream.message.RespProtocol}): declared in the decoder's own file
 * with this, listed by its {@code StreamProtocol}, and taken into the {@link FieldRegistry}
 * with the rest, so filters, {@code -e} and the UI see them like any other field.
 */
public final class StreamProtocolFields {
    private final Declarations declarations;
    private final FieldDef protocol;

    /** A protocol named {@code name} ({@code resp}), which its detail line calls {@code label}. */
    public StreamProtocolFields(String name, String label) {
        this.declarations = new Declarations(name);
        this.protocol = declarations.protocol(label);
    }

    /** The protocol itself, as a filter names it ({@code resp}). */
    public FieldDef protocol() { return protocol; }

    /** A field of the protocol: its filter name, type and label, and the blurb Wireshark would list (may be empty). */
    public FieldDef field(String name, FieldType type, String label, String description) {
        return declarations.field(name, type, label).describe(description);
    }

    /** The protocol and its fields, in declaration order. */
    public List<FieldDef> all() {
        return declarations.all();
    }
}
