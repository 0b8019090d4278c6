package dev.tapdeck.decode;

import dev.tapdeck.file.QuietPropertyReports;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

@AddLifecycleHook(QuietPropertyReports.class)
class Utf8BuilderTest {

    @Property
    void numbersAreWrittenAsStringBuilderWritesThem(@ForAll long value) {
        assertThat(new Utf8Builder(1).append(value).toString()).isEqualTo(Long.toString(value));
    }

    @Test
    void numbersAtTheEdges() {
        for (long value : new long[] {0, 9, 10, -1, -10, Long.MAX_VALUE, Long.MIN_VALUE}) {
            assertThat(new Utf8Builder(1).append(value).toString()).isEqualTo(Long.toString(value));
        }
    }

    @Test
    void digitsKeepTheirLeadingZeros() {
        assertThat(new Utf8Builder(4).append(7L).append('.').appendDigits(42, 6).toString()).isEqualTo("7.000042");
        assertThat(new Utf8Builder(4).appendDigits(123_456_789, 9).toString()).isEqualTo("123456789");
    }

    @Property
    void textIsTheJdksUtf8WithLoneSurrogatesReplaced(@ForAll("anyChars") String text) throws CharacterCodingException {
        assertThat(bytes(new Utf8Builder(2).append(text))).isEqualTo(jdkUtf8(text));
    }

    /** The byte form of a JSON string is the char form {@link JsonLinesFormat#appendString} makes, in UTF-8. */
    @Property
    void jsonStringsAreEscapedAsTheCharFormEscapesThem(@ForAll("anyChars") String text) throws CharacterCodingException {
        StringBuilder chars = new StringBuilder();
        JsonLinesFormat.appendString(text, chars);

        assertThat(bytes(new Utf8Builder(2).appendJsonString(text))).isEqualTo(jdkUtf8(chars.toString()));
    }

    @Test
    void jsonEscapes() {
        assertThat(new Utf8Builder(8).appendJsonString("a\"b\\c\nd\u0001é😀").toString())
                .isEqualTo("\"a\\\"b\\\\c\\nd\\u0001é😀\"");
    }

    @Test
    void growsAsFarAsItMust() {
        Utf8Builder builder = new Utf8Builder(1);
        String long1000 = "x".repeat(1000);
        builder.append(long1000).append(long1000.getBytes(StandardCharsets.US_ASCII)).append(true).append(false);

        assertThat(builder.length()).isEqualTo(2009);
        assertThat(builder.clear().append('z').toString()).isEqualTo("z");
    }

    @Provide
    Arbitrary<String> anyChars() {
        // Every kind of char: ASCII, control, two- and three-byte, paired and lone surrogates.
        return Arbitraries.strings().withChars('\u0000', '\u00ff').withCharRange('\u0100', '\uffff').ofMaxLength(40)
                .edgeCases(edges -> edges.add("\ud83d\ude00 \ud83d x \ude00"));
    }

    private static byte[] bytes(Utf8Builder builder) {
        return Arrays.copyOf(builder.array(), builder.length());
    }

    private static byte[] jdkUtf8(String text) throws CharacterCodingException {
        ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .replaceWith(new byte[] {(byte) 0xef, (byte) 0xbf, (byte) 0xbd})
                .encode(CharBuffer.wrap(text));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return bytes;
    }
}
