package dev.tapdeck.decode.field;

import dev.tapdeck.decode.Protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The fields of one protocol as its declaring class lists them, in declaration order: what a
 * protocol's {@code hf} array is in Wireshark. {@code layers} are the decoder's layers whose
 * flyweights the protocol's hot readers read.
 */
final class Declarations {
    private final String protocol;
    private final List<Protocol> layers;
    private final List<FieldDef> fields = new ArrayList<>();

    Declarations(String protocol, Protocol... layers) {
        this.protocol = protocol;
        this.layers = List.of(layers);
    }

    /**
     * The protocol itself as a field: one occurrence per layer of the chain, the chain holding
     * every layer (quoted and tunnelled ones too), so its reader is always the flyweight one.
     */
    FieldDef protocol(String label) {
        FieldDef field = new FieldDef(protocol, FieldType.PROTOCOL, label, protocol, List.of());
        return add(layers.isEmpty() ? field : field.hot(Reads.presence(layers.toArray(Protocol[]::new))));
    }

    FieldDef field(String name, FieldType type, String label) {
        return add(new FieldDef(name, type, label, protocol, layers));
    }

    /** A field whose hot reader reads the flyweights of {@code layers}, not those of its protocol. */
    FieldDef field(String name, FieldType type, String label, Protocol... layers) {
        return add(new FieldDef(name, type, label, protocol, List.of(layers)));
    }

    /**
     * A field whose flyweight reader sees every occurrence by itself (the decoder keeps every
     * VLAN tag), so it is read from the flyweights however often its layer appears.
     */
    FieldDef everyOccurrence(String name, FieldType type, String label) {
        return add(new FieldDef(name, type, label, protocol, List.of()));
    }

    private FieldDef add(FieldDef field) {
        fields.add(field);
        return field;
    }

    List<FieldDef> all() {
        return Collections.unmodifiableList(fields);
    }
}
