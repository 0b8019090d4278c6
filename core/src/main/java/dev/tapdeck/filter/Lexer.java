package dev.tapdeck.filter;

import dev.tapdeck.filter.Token.Kind;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a display filter into tokens as Wireshark 4.0's scanner ({@code epan/dfilter/scanner.l})
 * does, one token at a time as the parser asks, so that a syntax error before a bad token is
 * reported first, as tshark reports it. Like flex it keeps a state: inside {@code [...]} it
 * reads range nodes, after {@code #} a layer.
 *
 * <p>A string's value is kept as one char per byte (ISO-8859-1): the UTF-8 of its text, with
 * escapes ({@code \x41}, {@code \101}) giving single bytes.
 */
final class Lexer {
    private static final Map<String, Kind> KEYWORDS = Map.ofEntries(
            Map.entry("eq", Kind.ANY_EQ), Map.entry("any_eq", Kind.ANY_EQ),
            Map.entry("ne", Kind.ALL_NE), Map.entry("all_ne", Kind.ALL_NE),
            Map.entry("all_eq", Kind.ALL_EQ), Map.entry("any_ne", Kind.ANY_NE),
            Map.entry("gt", Kind.GT), Map.entry("ge", Kind.GE), Map.entry("lt", Kind.LT), Map.entry("le", Kind.LE),
            Map.entry("contains", Kind.CONTAINS), Map.entry("matches", Kind.MATCHES), Map.entry("in", Kind.IN),
            Map.entry("not", Kind.NOT), Map.entry("and", Kind.AND), Map.entry("or", Kind.OR),
            Map.entry("any", Kind.ANY), Map.entry("all", Kind.ALL),
            Map.entry("bitwise_and", Kind.BITWISE_AND));

    private enum State { NORMAL, RANGE, LAYER }

    private static final String HEX2 = "[0-9A-Fa-f]{2}";
    private static final String DEC_OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])";
    private static final String IPV4 = DEC_OCTET + "(?:\\." + DEC_OCTET + "){3}";
    private static final String H16 = "[0-9A-Fa-f]{1,4}";
    /** An IPv4 address first: the regex takes the first alternative that fits, and a dotted quad is the longer. */
    private static final String LS32 = "(?:" + IPV4 + "|" + H16 + ":" + H16 + ")";
    /** RFC 3986 §3.2.2's IPv6address, an alternative a pattern, so that the longest match of any wins. */
    private static final String[] IPV6 = {
            "(?:" + H16 + ":){6}" + LS32,
            "::(?:" + H16 + ":){5}" + LS32,
            "(?:" + H16 + ")?::(?:" + H16 + ":){4}" + LS32,
            "(?:(?:" + H16 + ":){0,1}" + H16 + ")?::(?:" + H16 + ":){3}" + LS32,
            "(?:(?:" + H16 + ":){0,2}" + H16 + ")?::(?:" + H16 + ":){2}" + LS32,
            "(?:(?:" + H16 + ":){0,3}" + H16 + ")?::" + H16 + ":" + LS32,
            "(?:(?:" + H16 + ":){0,4}" + H16 + ")?::" + LS32,
            "(?:(?:" + H16 + ":){0,5}" + H16 + ")?::" + H16,
            "(?:(?:" + H16 + ":){0,6}" + H16 + ")?::",
    };
    /** Field, protocol and function names, and most literals: {@code tcp.port}, {@code 80}, {@code 00-1a}, {@code 1.2.3}. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]+)*");
    private static final Pattern[] IDENTIFIER_ONLY = {IDENTIFIER};
    /**
     * The words of Wireshark 4.0's scanner; the longest match wins, as in flex. A colon is
     * part of a word only in a MAC address, an IPv6 address or bytes ({@code 00:01}), and a
     * {@code /bits} suffix only after an IP address: {@code 0:0} is two tokens, as in tshark.
     */
    private static final Pattern[] WORDS = words();

    private static Pattern[] words() {
        List<String> words = new ArrayList<>();
        words.add(HEX2 + "(?:(?::" + HEX2 + "){5}|(?:-" + HEX2 + "){5}|(?:\\." + HEX2 + "){5})");
        words.add(IPV4 + "(?:/[0-9]{1,2})?");
        for (String v6 : IPV6) {
            words.add(v6 + "(?:/[0-9]{1,3})?");
        }
        words.add(":?(?:" + HEX2 + "(?::" + HEX2 + ")+|" + HEX2 + ":)");
        words.add(":[0-9A-Fa-f]+");
        words.add(IDENTIFIER.pattern());
        return words.stream().map(Pattern::compile).toArray(Pattern[]::new);
    }

    private final String text;
    private int at;
    private State state = State.NORMAL;

    Lexer(String text) {
        this.text = text;
    }

    Token next() throws FilterException {
        if (state == State.RANGE) {
            return rangeToken();
        }
        if (state == State.LAYER) {
            return layerToken();
        }
        while (at < text.length() && isBlank(text.charAt(at))) {
            at++;
        }
        if (at >= text.length()) {
            return new Token(Kind.END, "", "", at, 0);
        }
        int start = at;
        char c = text.charAt(at);
        switch (c) {
            case '(': return symbol(Kind.LPAREN, 1);
            case ')': return symbol(Kind.RPAREN, 1);
            case '{': return symbol(Kind.LBRACE, 1);
            case '}': return symbol(Kind.RBRACE, 1);
            case ',': return symbol(Kind.COMMA, 1);
            case '$': return symbol(Kind.DOLLAR, 1);
            case '+': return symbol(Kind.PLUS, 1);
            case '-': return symbol(Kind.MINUS, 1);
            case '*': return symbol(Kind.STAR, 1);
            case '/': return symbol(Kind.SLASH, 1);
            case '%': return symbol(Kind.PERCENT, 1);
            case '[':
                state = State.RANGE;
                return symbol(Kind.LBRACKET, 1);
            case '#':
                state = State.LAYER;
                return symbol(Kind.HASH, 1);
            case '=':
                if (startsWith("===")) return symbol(Kind.ALL_EQ, 3);
                if (startsWith("==")) return symbol(Kind.ANY_EQ, 2);
                break;
            case '!':
                if (startsWith("!==")) return symbol(Kind.ANY_NE, 3);
                if (startsWith("!=")) return symbol(Kind.ALL_NE, 2);
                return symbol(Kind.NOT, 1);
            case '~':
                if (startsWith("~=")) return symbol(Kind.ANY_NE, 2);
                return symbol(Kind.MATCHES, 1);
            case '<':
                return startsWith("<=") ? symbol(Kind.LE, 2) : symbol(Kind.LT, 1);
            case '>':
                return startsWith(">=") ? symbol(Kind.GE, 2) : symbol(Kind.GT, 1);
            case '&':
                return startsWith("&&") ? symbol(Kind.AND, 2) : symbol(Kind.BITWISE_AND, 1);
            case '|':
                if (startsWith("||")) return symbol(Kind.OR, 2);
                break;
            case '"':
                return string(start, false);
            case '\'':
                return charConstant(start);
            case '.':
                if (startsWith("..")) return symbol(Kind.DOTDOT, 2);
                int fieldEnd = longestWord(at + 1, IDENTIFIER_ONLY);
                if (fieldEnd > at + 1) {
                    String name = text.substring(at + 1, fieldEnd);
                    at = fieldEnd;
                    return new Token(Kind.FIELD_WORD, text.substring(start, fieldEnd), name, start, fieldEnd - start);
                }
                break;
            default:
                if ((c == 'r' || c == 'R') && at + 1 < text.length() && text.charAt(at + 1) == '"') {
                    return string(start, true);
                }
                int end = longestWord(at, WORDS);
                if (end > at) {
                    String word = text.substring(start, end);
                    at = end;
                    Kind keyword = KEYWORDS.get(word);
                    return new Token(keyword == null ? Kind.WORD : keyword, word, word, start, end - start);
                }
        }
        throw new FilterException("\"" + (char) text.codePointAt(start) + "\" was unexpected in this context.", text, start, 1);
    }

    private boolean startsWith(String symbol) {
        return text.startsWith(symbol, at);
    }

    private Token symbol(Kind kind, int length) {
        Token token = new Token(kind, text.substring(at, at + length), text.substring(at, at + length), at, length);
        at += length;
        return token;
    }

    /** The end of the longest match of any of {@code patterns} at {@code from}, or {@code from} when none matches. */
    private int longestWord(int from, Pattern[] patterns) {
        int end = from;
        for (Pattern pattern : patterns) {
            Matcher matcher = pattern.matcher(text).region(from, text.length());
            if (matcher.lookingAt()) {
                end = Math.max(end, matcher.end());
            }
        }
        return end;
    }

    /** Inside {@code [...]}: range nodes between commas, up to the closing bracket. */
    private Token rangeToken() throws FilterException {
        if (at >= text.length()) {
            throw new FilterException("The right bracket was missing from a slice.", text, at, 1);
        }
        char c = text.charAt(at);
        if (c == ']') {
            state = State.NORMAL;
            return symbol(Kind.RBRACKET, 1);
        }
        if (c == ',') {
            return symbol(Kind.COMMA, 1);
        }
        int start = at;
        while (at < text.length() && text.charAt(at) != ']' && text.charAt(at) != ',') {
            at++;
        }
        int from = start;
        int to = at;
        while (from < to && isBlank(text.charAt(from))) {
            from++;
        }
        while (to > from && isBlank(text.charAt(to - 1))) {
            to--;
        }
        if (from == to) {
            // Only blanks: the node is empty, as if the bracket or comma came next.
            return rangeToken();
        }
        String node = text.substring(from, to);
        return new Token(Kind.RANGE_NODE, node, node, from, to - from);
    }

    /** After {@code #}: a layer number, or {@code [} opening a list of layer ranges. */
    private Token layerToken() throws FilterException {
        if (at >= text.length()) {
            throw new FilterException("The layer number or range was missing.", text, at, 1);
        }
        char c = text.charAt(at);
        if (c == '[') {
            state = State.RANGE;
            return symbol(Kind.LBRACKET, 1);
        }
        if (!isDigit(c)) {
            throw new FilterException("Expected digit or \"[\", not \"" + c + "\"", text, at, 1);
        }
        state = State.NORMAL;
        int start = at;
        while (at < text.length() && isDigit(text.charAt(at))) {
            at++;
        }
        String number = text.substring(start, at);
        return new Token(Kind.RANGE_NODE, number, number, start, at - start);
    }

    private Token string(int start, boolean raw) throws FilterException {
        at = start + (raw ? 2 : 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (true) {
            if (at >= text.length()) {
                throw new FilterException("The final quote was missing from a quoted string.", text, text.length(), 1);
            }
            char c = text.charAt(at);
            if (c == '"') {
                at++;
                break;
            }
            if (c != '\\') {
                int codePoint = text.codePointAt(at);
                bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                at += Character.charCount(codePoint);
            } else if (raw) {
                // A raw string keeps its backslashes; \" and \\ only keep the next character from ending it.
                bytes.write('\\');
                at++;
                if (at < text.length()) {
                    bytes.write(text.charAt(at));
                    at++;
                }
            } else {
                escape(bytes);
            }
        }
        String value = bytes.toString(StandardCharsets.ISO_8859_1);
        return new Token(Kind.STRING, text.substring(start, at), value, start, at - start);
    }

    /** A backslash escape in a string, as C writes them; {@code at} is at the backslash. */
    private void escape(ByteArrayOutputStream bytes) throws FilterException {
        int start = at;
        if (at + 1 >= text.length()) {
            throw new FilterException("The final quote was missing from a quoted string.", text, text.length(), 1);
        }
        char c = text.charAt(at + 1);
        if (isOctal(c)) {
            int end = at + 1;
            while (end < text.length() && end < at + 4 && isOctal(text.charAt(end))) {
                end++;
            }
            int value = Integer.parseInt(text.substring(at + 1, end), 8);
            if (value > 0xff) {
                throw new FilterException(text.substring(start, end) + " is larger than 255.", text, start, end - start);
            }
            bytes.write(value);
            at = end;
            return;
        }
        if (c == 'x' && at + 2 < text.length() && isHex(text.charAt(at + 2))) {
            int end = at + 2;
            while (end < text.length() && end < at + 4 && isHex(text.charAt(end))) {
                end++;
            }
            bytes.write(Integer.parseInt(text.substring(at + 2, end), 16));
            at = end;
            return;
        }
        if (c == 'u' || c == 'U') {
            universalCharacter(bytes, c == 'u' ? 4 : 8);
            return;
        }
        int value = switch (c) {
            case '\\', '"', '\'', '?' -> c;
            case 'a' -> 7;
            case 'b' -> 8;
            case 'f' -> 12;
            case 'n' -> 10;
            case 'r' -> 13;
            case 't' -> 9;
            case 'v' -> 11;
            default -> -1;
        };
        if (value < 0) {
            int length = Character.charCount(text.codePointAt(at + 1)) + 1;
            throw new FilterException(text.substring(start, start + length) + " is not a valid character escape sequence",
                    text, start, length);
        }
        bytes.write(value);
        at += 2;
    }

    /** {@code \}{@code uXXXX} or {@code \}{@code UXXXXXXXX}: a code point C allows in a name (ISO C 6.4.3), written as UTF-8. */
    private void universalCharacter(ByteArrayOutputStream bytes, int digits) throws FilterException {
        int start = at;
        int end = at + 2;
        while (end < text.length() && end < at + 2 + digits && isHex(text.charAt(end))) {
            end++;
        }
        String escape = text.substring(start, end);
        long codePoint = end - start == digits + 2 ? Long.parseLong(text.substring(start + 2, end), 16) : -1;
        boolean allowed = codePoint >= 0xa0 && codePoint <= Character.MAX_CODE_POINT
                && !(codePoint >= 0xd800 && codePoint <= 0xdfff)
                || codePoint == '$' || codePoint == '@' || codePoint == '`';
        if (!allowed) {
            throw new FilterException(escape + " is not a valid universal character name", text, start, end - start);
        }
        bytes.writeBytes(new String(Character.toChars((int) codePoint)).getBytes(StandardCharsets.UTF_8));
        at = end;
    }

    /** {@code 'a'}: its value is read by {@link Literals#charConstant}; here only its extent. */
    private Token charConstant(int start) throws FilterException {
        at = start + 1;
        while (true) {
            if (at >= text.length()) {
                throw new FilterException("The final quote was missing from a character constant.", text, text.length(), 1);
            }
            char c = text.charAt(at);
            if (c == '\'') {
                at++;
                break;
            }
            at += c == '\\' && at + 1 < text.length() ? 2 : 1;
        }
        String written = text.substring(start, at);
        return new Token(Kind.CHARCONST, written, written.substring(1, written.length() - 1), start, at - start);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isOctal(char c) {
        return c >= '0' && c <= '7';
    }

    static boolean isHex(char c) {
        return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
