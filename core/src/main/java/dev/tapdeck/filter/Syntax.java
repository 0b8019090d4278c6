package dev.tapdeck.filter;

import java.util.List;

/**
 * The parsed filter, before its names are resolved and its literals typed: what Wireshark's
 * grammar builds for its semantic check. Each node knows the token that places it in the
 * text, for the caret of an error.
 */
sealed interface Syntax {
    /** The token an error about this node points at. */
    Token token();

    /** How much of the text an error about this node underlines, from the token's start. */
    default int length() {
        return token().length();
    }

    /** {@code left && right}, {@code left || right}. */
    record Logic(Token token, boolean and, Syntax left, Syntax right) implements Syntax { }

    record Not(Token token, Syntax operand) implements Syntax { }

    /** Which occurrences a relation needs: those its operator asks for, or those {@code any}/{@code all} says. */
    enum Quantifier { DEFAULT, ANY, ALL }

    /** {@code left OP right} for a comparison, {@code contains} or {@code matches}. */
    record Relation(Token token, Syntax left, Syntax right, Quantifier quantifier) implements Syntax { }

    /** {@code entity in {...}}, with {@code not in} written as {@code negated}; {@code all x in {...}} asks it of every value. */
    record Membership(Token token, Syntax entity, List<SetElement> elements, boolean negated, Quantifier quantifier)
            implements Syntax { }

    /** One member of a set: a value, or {@code low..high} when {@code high} is not null. */
    record SetElement(Syntax low, Syntax high) { }

    /** A value standing alone as a test: a field's presence, {@code tcp.flags & 0x02}. */
    record Bare(Syntax value) implements Syntax {
        @Override
        public Token token() {
            return value.token();
        }

        @Override
        public int length() {
            return value.length();
        }
    }

    /** An unquoted word: a field if the registry knows the name, else a literal read by the other side's type. */
    record Word(Token token) implements Syntax { }

    /** A word that must be a field: written with a leading dot, or with a {@code #} layer. */
    record FieldName(Token token, String name, List<Token> layers) implements Syntax { }

    record StringLiteral(Token token) implements Syntax { }

    record CharLiteral(Token token) implements Syntax { }

    /** {@code entity[ranges]}. */
    record Slice(Token token, Syntax entity, List<Token> ranges) implements Syntax { }

    /** {@code name(arguments)}. */
    record Call(Token token, List<Syntax> arguments) implements Syntax { }

    /** {@code left OP right} for {@code & + - * / %}. */
    record Arithmetic(Token token, Syntax left, Syntax right) implements Syntax { }

    /** {@code -value}. */
    record Negation(Token token, Syntax operand) implements Syntax { }

    /** {@code ${field}}: the field's value in the marked packet. */
    record Reference(Token token, Syntax field) implements Syntax { }
}
