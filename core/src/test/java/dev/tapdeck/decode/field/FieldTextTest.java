package dev.tapdeck.decode.field;

import dev.tapdeck.decode.Protocol;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Values as tshark 4.0.17 prints them with {@code -T fields} (each expected string seen in its output). */
class FieldTextTest {

    @Test
    void hexFieldsHaveAsManyDigitsAsTheirTypeIsWide() {
        assertThat(number("tcp.flags", 0x12)).isEqualTo("0x0012");
        assertThat(number("ip.id", 0x5b9f)).isEqualTo("0x5b9f");
        assertThat(text(declared(FieldType.UINT8, true), number(0))).isEqualTo("0x00");
        assertThat(text(declared(FieldType.UINT24, true), number(0xabc))).isEqualTo("0x000abc");
        assertThat(text(declared(FieldType.UINT32, true), number(0xdeadbeefL))).isEqualTo("0xdeadbeef");
        assertThat(text(declared(FieldType.UINT64, true), number(-1))).isEqualTo("0xffffffffffffffff");
    }

    @Test
    void decimalFieldsAreDecimalSignedOnlyWhenTheirTypeIs() {
        assertThat(number("ip.ttl", 64)).isEqualTo("64");
        assertThat(number("frame.encap_type", -1)).isEqualTo("-1");
        assertThat(text(declared(FieldType.INT16, false), number(0xfffe))).isEqualTo("-2");
        assertThat(text(declared(FieldType.UINT32, false), number(0xffffffffL))).isEqualTo("4294967295");
        assertThat(text(declared(FieldType.UINT64, false), number(-1))).isEqualTo("18446744073709551615");
        assertThat(text(declared(FieldType.UINT64, false), number(Long.MIN_VALUE + 7))).isEqualTo("9223372036854775815");
    }

    @Test
    void booleansAreOneAndZero() {
        assertThat(number("tcp.flags.syn", 1)).isEqualTo("1");
        assertThat(number("ip.flags.df", 0)).isEqualTo("0");
    }

    @Test
    void timesAreSecondsWithNineDecimals() {
        assertThat(number("frame.time_epoch", 1_513_204_139_656_584_000L)).isEqualTo("1513204139.656584000");
        assertThat(number("frame.time_relative", 911_310_000L)).isEqualTo("0.911310000");
        assertThat(number("frame.time_relative", -1_500_000_000L)).isEqualTo("-1.500000000");
        assertThat(number("frame.time_relative", -1L)).isEqualTo("-0.000000001");
    }

    @Test
    void addressesInTheirUsualForms() {
        assertThat(number("ip.src", 0xc0a80001L)).isEqualTo("192.168.0.1");
        assertThat(number("eth.src", 0x586d8f99eca8L)).isEqualTo("58:6d:8f:99:ec:a8");
        assertThat(ipv6("fe800000000000000000000000000001")).isEqualTo("fe80::1");
        assertThat(ipv6("00000000000000000000000000000001")).isEqualTo("::1");
        assertThat(ipv6("20010db8000000010000000000000001")).isEqualTo("2001:db8:0:1::1");
        assertThat(ipv6("2a005e800101212d050407b12572db22")).isEqualTo("2a00:5e80:101:212d:504:7b1:2572:db22");
        assertThat(ipv6("00000000000000000000ffffc0000201")).isEqualTo("::ffff:192.0.2.1");
    }

    @Test
    void bytesArePlainHexAndStringsAsTheyAre() {
        FieldValues values = new FieldValues();
        byte[] payload = "GET /".getBytes(StandardCharsets.US_ASCII);
        values.addBytes(payload, 0, payload.length);
        assertThat(text(declared(FieldType.BYTES, false), values)).isEqualTo("474554202f");
        assertThat(text(FieldRegistry.require("http.request.uri"), values)).isEqualTo("GET /");

        FieldValues name = new FieldValues();
        name.addText("straße.example");
        assertThat(text(FieldRegistry.require("dns.qry.name"), name)).isEqualTo("straße.example");
    }

    @Test
    void aFieldWithoutValueIsOneAndAProtocolWithoutItsTreeItsName() {
        FieldValues present = new FieldValues();
        present.addBytes(new byte[0], 0, 0);
        assertThat(text(declared(FieldType.NONE, false), present)).isEqualTo("1");
        assertThat(text(FieldRegistry.require("tcp"), present)).isEqualTo("tcp");
    }

    @Test
    void aTreeLineOf240BytesOrMoreIsMarkedTruncatedAndCutAsWiresharkCutsIt() {
        String request = "Expert Info (Chat/Sequence): GET /" + "a".repeat(300) + " HTTP/1.1\\r\\n";
        StringBuilder out = new StringBuilder();
        FieldText.appendLabel(request, out);
        assertThat(out.toString()).isEqualTo(" [truncated]" + request.substring(0, 226)).hasSize(238);

        String exactly239 = "x".repeat(239);
        out.setLength(0);
        FieldText.appendLabel(exactly239, out);
        assertThat(out.toString()).isEqualTo(exactly239);

        // A two-byte character across the cut is left out whole.
        String accented = "y".repeat(225) + "é" + "z".repeat(20);
        out.setLength(0);
        FieldText.appendLabel(accented, out);
        assertThat(out.toString()).isEqualTo(" [truncated]" + "y".repeat(225));
    }

    private static String number(String field, long value) {
        return text(FieldRegistry.require(field), number(value));
    }

    private static FieldValues number(long value) {
        FieldValues values = new FieldValues();
        values.addNumber(value);
        return values;
    }

    private static String ipv6(String hex) {
        byte[] address = HexFormat.of().parseHex(hex);
        FieldValues values = new FieldValues();
        values.addBytes(address, 0, address.length);
        return text(FieldRegistry.require("ipv6.src"), values);
    }

    private static FieldDef declared(FieldType type, boolean hex) {
        FieldDef field = new FieldDef("test.value", type, "Value", "test", List.<Protocol>of());
        return hex ? field.hex() : field;
    }

    private static String text(FieldDef field, FieldValues values) {
        StringBuilder out = new StringBuilder();
        FieldText.appendValue(field, values, 0, out);
        return out.toString();
    }
}
