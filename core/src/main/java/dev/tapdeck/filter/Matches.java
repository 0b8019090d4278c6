package dev.tapdeck.filter;

import dev.tapdeck.decode.field.FieldSource;
import dev.tapdeck.decode.field.FieldType;
import dev.tapdeck.decode.field.FieldValues;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code left matches "regex"}: some value of the left (with {@code all} before it, every
 * value) has a match of the pattern, found anywhere as PCRE does unless anchored. A string's bytes are read as UTF-8, other bytes one
 * character each; one matcher is reset over a reused character view, so no text is built.
 */
final class Matches extends Condition {
    private final Operand left;
    private final ByteChars chars;
    private final Matcher matcher;
    private final boolean everyValue;

    Matches(Operand left, Pattern pattern, boolean everyValue) {
        this.left = left;
        this.everyValue = everyValue;
        this.chars = new ByteChars(left.type == FieldType.STRING);
        this.matcher = pattern.matcher("");
    }

    @Override
    boolean holds(FieldSource packet) {
        FieldValues a = left.load(packet);
        if (a.isEmpty()) {
            return false;
        }
        for (int i = 0, n = a.count(); i < n; i++) {
            boolean found = false;
            if (a.hasBytes(i)) {
                chars.wrap(a.array(i), a.offset(i), a.length(i));
                found = matcher.reset(chars).find();
            }
            if (found != everyValue) {
                return found;
            }
        }
        return everyValue;
    }
}
