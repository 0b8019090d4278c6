package dev.tapdeck.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tapdeck fields}: the registry in tshark's {@code -G fields} layout. The expected
 * lines are tshark 4.0.17's own ({@code tshark -G fields | grep -P '\ttcp\.flags'}).
 */
class FieldsCommandTest {

    @Test
    void listsFieldsAsTsharkDoes() {
        CommandRun run = CommandRun.of(new FieldsCommand(), "tcp.flags");

        assertThat(run.exitCode()).isZero();
        assertThat(run.lines()).startsWith(
                "F\tFlags\ttcp.flags\tFT_UINT16\ttcp\tBASE_HEX\t0xfff\tFlags (12 bits)",
                "F\tReserved\ttcp.flags.res\tFT_BOOLEAN\ttcp\t12\t0xe00\tThree reserved bits (must be zero)",
                "F\tAccurate ECN\ttcp.flags.ae\tFT_BOOLEAN\ttcp\t12\t0x100\t");
        assertThat(run.lines()).contains("F\tSyn\ttcp.flags.syn\tFT_BOOLEAN\ttcp\t12\t0x2\t");
        assertThat(run.lines()).allSatisfy(line -> assertThat(line).matches("F\t[^\t]+\ttcp\\.flags[^\t]*\t.*"));
    }

    @Test
    void listsProtocolsWithTheirNames() {
        List<String> lines = CommandRun.of(new FieldsCommand()).lines();

        assertThat(lines).contains("P\tTransmission Control Protocol\ttcp",
                "F\tSource Port\ttcp.srcport\tFT_UINT16\ttcp\tBASE_PT_TCP\t0x0\t",
                "F\tIdentification\tip.id\tFT_UINT16\tip\tBASE_HEX_DEC\t0x0\t",
                "F\tSource Address\tip.src\tFT_IPv4\tip\t\t0x0\t",
                "F\tName\tdns.qry.name\tFT_STRING\tdns\t\t0x0\tQuery Name");
        assertThat(lines).hasSizeGreaterThan(300).doesNotHaveDuplicates()
                .allSatisfy(line -> assertThat(line.split("\t", -1).length).isIn(3, 8));
    }

    @Test
    void aPrefixThatMatchesNothingSaysSo() {
        CommandRun run = CommandRun.of(new FieldsCommand(), "tpc.");

        assertThat(run.exitCode()).isEqualTo(FieldsCommand.NONE_MATCHED);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr().lines()).singleElement().asString().isEqualTo("tapdeck fields: no field starts with 'tpc.' (tapdeck fields lists them all)");
    }

    @Test
    void helpExplainsTheColumns() {
        CommandRun run = CommandRun.of(new FieldsCommand(), "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("Usage: fields [-hV] [PREFIX]", "tshark -G fields", "label  name  type  protocol  display  bitmask  description");
    }
}
