package dev.tapdeck.filter;

import dev.tapdeck.decode.field.FieldRegistry;
import dev.tapdeck.filter.Syntax.Quantifier;
import dev.tapdeck.filter.Token.Kind;

import java.util.ArrayList;
import java.util.List;

/**
 * Wireshark 4.0's display-filter grammar ({@code epan/dfilter/grammar.lemon}) as recursive
 * descent. From loosest to tightest: {@code or}, {@code and}, {@code not}, then relations
 * ({@code == != === !== < <= > >= contains matches in}, a comparison may be chained:
 * {@code a < b < c} is {@code a < b && b < c}), then arithmetic: {@code &}, {@code + -},
 * {@code * / %}, unary minus. Parentheses group tests, braces group arithmetic.
 *
 * <p>Errors are reported at the token where the grammar cannot go on, with tshark's words.
 */
final class Parser {
    /** How deeply tests, arithmetic and calls may nest: far more than anyone writes, little stack. */
    static final int MAX_DEPTH = 256;

    private final String text;
    private final Lexer lexer;
    private Token current;
    private int depth;

    private Parser(String text) throws FilterException {
        this.text = text;
        this.lexer = new Lexer(text);
        this.current = lexer.next();
    }

    /** The filter's syntax tree, or null for an empty filter. */
    static Syntax parse(String text) throws FilterException {
        checkMacros(text);
        Parser parser = new Parser(text);
        if (parser.current.kind() == Kind.END) {
            return null;
        }
        Syntax expression = parser.expression();
        if (parser.current.kind() != Kind.END) {
            throw parser.unexpected();
        }
        return expression;
    }

    /**
     * Wireshark expands display-filter macros ({@code ${name}}, {@code ${name:arg;arg}}) before
     * it scans the filter; Tapdeck has no macros, so a {@code ${...}} must name a field (a
     * reference to the marked packet's value) or it is the error tshark gives an unknown macro.
     */
    private static void checkMacros(String text) throws FilterException {
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                int close = text.indexOf('}', i);
                if (close < 0) {
                    throw new FilterException("end of filter in the middle of a macro expression", text, -1, 0);
                }
                String name = text.substring(i + 2, close).split(":", 2)[0];
                if (FieldRegistry.lookup(name).isEmpty()) {
                    throw new FilterException("macro '" + name + "' does not exist", text, -1, 0);
                }
                i = close;
            }
        }
    }

    private Token advance() throws FilterException {
        Token taken = current;
        current = lexer.next();
        return taken;
    }

    private boolean at(Kind kind) {
        return current.kind() == kind;
    }

    private Token expect(Kind kind) throws FilterException {
        if (!at(kind)) {
            throw unexpected();
        }
        return advance();
    }

    FilterException unexpected() {
        return unexpected(current);
    }

    private FilterException unexpected(Token token) {
        if (token.kind() == Kind.END) {
            return new FilterException("Unexpected end of filter expression.", text, -1, 0);
        }
        return new FilterException("\"" + token.text() + "\" was unexpected in this context.", text, token.position(), token.length());
    }

    private void enter() throws FilterException {
        if (++depth > MAX_DEPTH) {
            throw new FilterException("The filter is nested too deeply (more than " + MAX_DEPTH + " levels).",
                    text, current.position(), Math.max(1, current.length()));
        }
    }

    private void leave() {
        depth--;
    }

    private Syntax expression() throws FilterException {
        enter();
        Syntax left = and();
        while (at(Kind.OR)) {
            Token op = advance();
            left = new Syntax.Logic(op, false, left, and());
        }
        leave();
        return left;
    }

    private Syntax and() throws FilterException {
        Syntax left = not();
        while (at(Kind.AND)) {
            Token op = advance();
            left = new Syntax.Logic(op, true, left, not());
        }
        return left;
    }

    private Syntax not() throws FilterException {
        if (at(Kind.NOT)) {
            enter();
            Token op = advance();
            Syntax operand = not();
            leave();
            return new Syntax.Not(op, operand);
        }
        return primary();
    }

    private Syntax primary() throws FilterException {
        if (at(Kind.LPAREN)) {
            advance();
            Syntax inner = expression();
            expect(Kind.RPAREN);
            return inner;
        }
        Quantifier quantifier = Quantifier.DEFAULT;
        if (at(Kind.ANY) || at(Kind.ALL)) {
            quantifier = advance().kind() == Kind.ANY ? Quantifier.ANY : Quantifier.ALL;
        }
        Syntax left = arithmetic();
        if (current.kind().isComparison()) {
            return comparison(left, quantifier);
        }
        boolean entity = isEntity(left);
        if (entity && (at(Kind.CONTAINS) || at(Kind.MATCHES))) {
            Token op = advance();
            return new Syntax.Relation(op, left, entity(), quantifier);
        }
        if (entity && (at(Kind.IN) || at(Kind.NOT))) {
            return membership(left, quantifier);
        }
        if (quantifier != Quantifier.DEFAULT) {
            throw unexpected();
        }
        return new Syntax.Bare(left);
    }

    /** {@code a OP b}, and {@code a OP b OP c ...} as {@code a OP b && b OP c && ...}. */
    private Syntax comparison(Syntax left, Quantifier quantifier) throws FilterException {
        Token op = advance();
        Syntax right = arithmetic();
        Syntax test = new Syntax.Relation(op, left, right, quantifier);
        while (current.kind().isComparison()) {
            Token next = advance();
            Syntax further = arithmetic();
            test = new Syntax.Logic(next, true, test, new Syntax.Relation(next, right, further, quantifier));
            right = further;
        }
        return test;
    }

    /** {@code entity in {a, b, c..d}} or {@code entity not in {...}}. */
    private Syntax membership(Syntax entity, Quantifier quantifier) throws FilterException {
        boolean negated = false;
        Token op;
        if (at(Kind.NOT)) {
            op = advance();
            negated = true;
            expect(Kind.IN);
        } else {
            op = advance();
        }
        expect(Kind.LBRACE);
        List<Syntax.SetElement> elements = new ArrayList<>();
        while (true) {
            Syntax low = setEntity();
            Syntax high = null;
            if (at(Kind.DOTDOT)) {
                advance();
                high = setEntity();
            }
            elements.add(new Syntax.SetElement(low, high));
            if (at(Kind.RBRACE)) {
                advance();
                break;
            }
            expect(Kind.COMMA);
        }
        return new Syntax.Membership(op, entity, elements, negated, quantifier);
    }

    private Syntax setEntity() throws FilterException {
        if (at(Kind.PLUS)) {
            advance();
            return entity();
        }
        if (at(Kind.MINUS)) {
            Token op = advance();
            return new Syntax.Negation(op, entity());
        }
        return entity();
    }

    private static boolean isEntity(Syntax node) {
        return !(node instanceof Syntax.Arithmetic || node instanceof Syntax.Negation);
    }

    private static int precedence(Kind kind) {
        return switch (kind) {
            case BITWISE_AND -> 1;
            case PLUS, MINUS -> 2;
            case STAR, SLASH, PERCENT -> 3;
            default -> 0;
        };
    }

    private Syntax arithmetic() throws FilterException {
        return arithmetic(1);
    }

    /** Precedence climbing over the left-associative arithmetic operators. */
    private Syntax arithmetic(int minimum) throws FilterException {
        enter();
        int entered = 1;
        Syntax left = unary();
        while (precedence(current.kind()) >= minimum) {
            // Each operator nests the tree one level deeper (a + b + c is (a + b) + c).
            enter();
            entered++;
            Token op = advance();
            Syntax right = arithmetic(precedence(op.kind()) + 1);
            left = new Syntax.Arithmetic(op, left, right);
        }
        depth -= entered;
        return left;
    }

    private Syntax unary() throws FilterException {
        if (at(Kind.PLUS)) {
            advance();
            return entity();
        }
        if (at(Kind.MINUS)) {
            Token op = advance();
            return new Syntax.Negation(op, entity());
        }
        if (at(Kind.LBRACE)) {
            advance();
            Syntax inner = arithmetic();
            expect(Kind.RBRACE);
            return inner;
        }
        return entity();
    }

    /** A value: literal, field, function call or reference, each maybe sliced ({@code x[0:2][1]}). */
    private Syntax entity() throws FilterException {
        Syntax value = switch (current.kind()) {
            case STRING -> new Syntax.StringLiteral(advance());
            case CHARCONST -> new Syntax.CharLiteral(advance());
            case WORD -> word();
            case FIELD_WORD -> {
                Token word = advance();
                yield new Syntax.FieldName(word, word.value(), layers());
            }
            case DOLLAR -> reference();
            default -> throw unexpected();
        };
        while (at(Kind.LBRACKET)) {
            Token open = advance();
            value = new Syntax.Slice(open, value, ranges());
        }
        return value;
    }

    private Syntax word() throws FilterException {
        Token word = advance();
        if (at(Kind.LPAREN)) {
            return call(word);
        }
        if (at(Kind.HASH)) {
            return new Syntax.FieldName(word, word.text(), layers());
        }
        return new Syntax.Word(word);
    }

    /** {@code #2} or {@code #[1-2,4]} after a field: which of its layers count; empty when none is given. */
    private List<Token> layers() throws FilterException {
        if (!at(Kind.HASH)) {
            return List.of();
        }
        advance();
        if (at(Kind.RANGE_NODE)) {
            return List.of(advance());
        }
        expect(Kind.LBRACKET);
        return ranges();
    }

    /** Range nodes after {@code [}, up to and with the {@code ]}. */
    private List<Token> ranges() throws FilterException {
        List<Token> ranges = new ArrayList<>();
        ranges.add(expect(Kind.RANGE_NODE));
        while (at(Kind.COMMA)) {
            advance();
            ranges.add(expect(Kind.RANGE_NODE));
        }
        expect(Kind.RBRACKET);
        return ranges;
    }

    private Syntax call(Token name) throws FilterException {
        enter();
        advance();
        List<Syntax> arguments = new ArrayList<>();
        if (!at(Kind.RPAREN)) {
            arguments.add(arithmetic());
            while (at(Kind.COMMA)) {
                advance();
                arguments.add(arithmetic());
            }
        }
        expect(Kind.RPAREN);
        leave();
        if (FunctionOperand.Function.named(name.text()) == null) {
            throw new FilterException("Function '" + name.text() + "' does not exist", text, name.position(), name.length());
        }
        return new Syntax.Call(name, arguments);
    }

    /** {@code ${field}}. */
    private Syntax reference() throws FilterException {
        Token dollar = advance();
        expect(Kind.LBRACE);
        Syntax field = switch (current.kind()) {
            case WORD -> {
                Token word = advance();
                yield new Syntax.FieldName(word, word.text(), layers());
            }
            case FIELD_WORD -> {
                Token word = advance();
                yield new Syntax.FieldName(word, word.value(), layers());
            }
            default -> throw unexpected();
        };
        expect(Kind.RBRACE);
        return new Syntax.Reference(dollar, field);
    }
}
