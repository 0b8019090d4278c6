package dev.tapdeck.decode.field;

import dev.tapdeck.decode.Protocol;
import dev.tapdeck.stream.message.StreamMessages;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every field Tapdeck decodes, each declared once in the class of its layer
 * ({@link FrameFields}, {@link LinkFields}, {@link NetworkFields}, {@link TransportFields}, {@link StreamFields},
 * {@link ApplicationFields}, {@link ProcessFields}), or with a {@link StreamProtocolFields} in the file of a stream
 * decoder of one's own, looked up here by its display-filter name.
 */
public final class FieldRegistry {
    private static final List<FieldDef> ALL;
    private static final Map<String, FieldDef> BY_NAME = new LinkedHashMap<>();

    static {
        List<FieldDef> all = new ArrayList<>();
        Stream.of(FrameFields.all(), LinkFields.all(), NetworkFields.all(), TransportFields.all(), StreamFields.all(),
                        ApplicationFields.all(), ProcessFields.all())
                .forEach(all::addAll);
        StreamMessages.builtIn().forEach(protocol -> all.addAll(protocol.fields()));
        for (FieldDef field : all) {
            if (BY_NAME.putIfAbsent(field.name(), field) != null) {
                throw new ExceptionInInitializerError("field declared twice: " + field.name());
            }
        }
        ALL = Collections.unmodifiableList(all);
    }

    private FieldRegistry() {
    }

    /** Every field, protocols among them, in declaration order (layer by layer, outermost first). */
    public static List<FieldDef> all() {
        return ALL;
    }

    public static Optional<FieldDef> lookup(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The field named {@code name}; for code that names a declared field, so a typo fails at once. */
    public static FieldDef require(String name) {
        FieldDef field = BY_NAME.get(name);
        if (field == null) {
            throw new IllegalArgumentException("no field named " + name);
        }
        return field;
    }

    /** The protocol field of a layer the decoder names. */
    public static FieldDef protocol(Protocol protocol) {
        return require(protocol.filterName());
    }

    /** The fields whose names start with {@code prefix}, as {@code tshark -G fields | grep} would list them. */
    public static List<FieldDef> withPrefix(String prefix) {
        return ALL.stream().filter(f -> f.name().startsWith(prefix)).toList();
    }
}
