package dev.tapdeck.decode.field;

import dev.tapdeck.decode.Protocol;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry against itself and against Wireshark's: names declared once, every protocol
 * the decoder names declared, and every field listed exactly as {@code tshark -G fields}
 * lists it, from {@code tshark-fields.tsv} (made by {@code make-tshark-fields.sh} beside it).
 */
class FieldRegistryTest {
    /** tshark's glossary lines, by field name. */
    static Map<String, String> tsharkGlossary() throws IOException {
        Map<String, String> lines = new LinkedHashMap<>();
        readGlossary("tshark-fields.tsv", lines);
        return lines;
    }

    /**
     * tshark's glossary, the lines of fields that only later Wireshark versions than the
     * reference declare ({@code tls.handshake.ja4}, from 4.2) as those versions list them, kept
     * by hand in {@code tshark-fields-newer.tsv} since tshark 4.0 cannot make them, and the
     * lines of the protocols of Tapdeck's own stream decoders ({@code resp}), which no
     * Wireshark decodes, in {@code tapdeck-fields.tsv}: what the registry is held to.
     */
    static Map<String, String> referenceGlossary() throws IOException {
        Map<String, String> lines = tsharkGlossary();
        readGlossary("tshark-fields-newer.tsv", lines);
        readGlossary("tapdeck-fields.tsv", lines);
        return lines;
    }

    private static void readGlossary(String resource, Map<String, String> lines) throws IOException {
        try (InputStream in = FieldRegistryTest.class.getResourceAsStream(resource)) {
            assertThat(in).as("%s beside make-tshark-fields.sh", resource).isNotNull();
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .forEach(line -> lines.put(line.split("\t", -1)[2], line));
        }
    }

    @Test
    void everyNameIsDeclaredOnce() {
        List<String> names = FieldRegistry.all().stream().map(FieldDef::name).toList();
        assertThat(names).doesNotHaveDuplicates().hasSizeGreaterThan(300);
        names.forEach(name -> assertThat(FieldRegistry.require(name).name()).isEqualTo(name));
    }

    @Test
    void everyProtocolTheDecoderNamesIsDeclared() {
        for (Protocol protocol : Protocol.values()) {
            FieldDef field = FieldRegistry.protocol(protocol);
            assertThat(field.type()).as(protocol.filterName()).isEqualTo(FieldType.PROTOCOL);
        }
    }

    @Test
    void everyFieldBelongsToADeclaredProtocol() {
        Set<String> protocols = FieldRegistry.all().stream().filter(f -> f.type() == FieldType.PROTOCOL)
                .map(FieldDef::name).collect(Collectors.toSet());
        assertThat(FieldRegistry.all()).allSatisfy(field -> assertThat(protocols).as(field.name()).contains(field.protocol()));
    }

    @Test
    void everyFieldIsListedAsTsharkListsIt() throws IOException {
        Map<String, String> tshark = referenceGlossary();
        assertThat(FieldRegistry.all()).allSatisfy(field ->
                assertThat(Glossary.line(field)).as("%s (tshark -G fields)", field.name()).isEqualTo(tshark.get(field.name())));
        Set<String> ours = new HashSet<>(FieldRegistry.all().stream().map(FieldDef::name).toList());
        assertThat(tshark.keySet()).as("fields in the extract the registry no longer has: make-tshark-fields.sh again")
                .allSatisfy(name -> assertThat(ours).contains(name));
    }

    @Test
    void aBooleansWordsAreItsValueNamesForOneAndZero() {
        FieldDef response = FieldRegistry.require("dns.flags.response");
        assertThat(response.valueName(1)).isEqualTo("Message is a response");
        assertThat(response.valueName(0)).isEqualTo("Message is a query");
        assertThat(FieldRegistry.require("ip.proto").valueName(6)).isEqualTo("TCP");
        assertThat(FieldRegistry.require("eth.type").valueName(0x86dd)).isEqualTo("IPv6");
        assertThat(FieldRegistry.require("ip.id").base()).isEqualTo(FieldDef.Base.HEX);
        assertThat(FieldRegistry.require("icmp.ident").base()).isEqualTo(FieldDef.Base.DEC);
    }

    @Test
    void prefixesListAsTsharkGrepWould() {
        assertThat(FieldRegistry.withPrefix("tcp.flags.")).extracting(FieldDef::name)
                .containsExactlyElementsOf(Arrays.stream(new String[] {"res", "ae", "cwr", "ece", "urg", "ack", "push", "reset", "syn", "fin"})
                        .map(flag -> "tcp.flags." + flag).toList());
    }
}
