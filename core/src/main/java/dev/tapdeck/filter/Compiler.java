package dev.tapdeck.filter;

import dev.tapdeck.decode.field.FieldDef;
import dev.tapdeck.decode.field.FieldRegistry;
import dev.tapdeck.decode.field.FieldType;
import dev.tapdeck.filter.ArithmeticOperand.Operator;
import dev.tapdeck.filter.Comparison.Relation;
import dev.tapdeck.filter.FunctionOperand.Function;
import dev.tapdeck.filter.Syntax.Quantifier;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The semantic check of Wireshark 4.0 ({@code epan/dfilter/semcheck.c}) and code generation in
 * one pass: resolves names against the {@link FieldRegistry}, reads each literal as the type
 * of what it is compared with, refuses what tshark refuses with tshark's message, and builds
 * the tree of {@link Condition}s and {@link Operand}s that evaluates the filter.
 */
final class Compiler {
    private final String filter;
    private final Set<FieldDef> fields = new LinkedHashSet<>();

    private Compiler(String filter) {
        this.filter = filter;
    }

    /** The compiled test of a parsed filter, and the fields it reads. */
    record Result(Condition condition, List<FieldDef> fields) { }

    static Result compile(String filter, Syntax tree) throws FilterException {
        Compiler compiler = new Compiler(filter);
        Condition condition = compiler.test(tree);
        return new Result(condition, List.copyOf(compiler.fields));
    }

    // ---- tests

    private Condition test(Syntax node) throws FilterException {
        return switch (node) {
            case Syntax.Logic logic -> logic(logic);
            case Syntax.Not not -> new Condition.Not(test(not.operand()));
            case Syntax.Relation relation -> relation(relation);
            case Syntax.Membership membership -> membership(membership);
            case Syntax.Bare bare -> bare(bare.value());
            default -> throw new IllegalStateException("not a test: " + node);
        };
    }

    /** A run of {@code &&} (or of {@code ||}) as one flat list, so a long chain nests nothing. */
    private Condition logic(Syntax.Logic node) throws FilterException {
        Deque<Syntax> rights = new ArrayDeque<>();
        Syntax leftmost = node;
        while (leftmost instanceof Syntax.Logic logic && logic.and() == node.and()) {
            rights.push(logic.right());
            leftmost = logic.left();
        }
        List<Condition> terms = new ArrayList<>();
        terms.add(test(leftmost));
        while (!rights.isEmpty()) {
            terms.add(test(rights.pop()));
        }
        Condition[] array = terms.toArray(Condition[]::new);
        return node.and() ? new Condition.All(array) : new Condition.Any(array);
    }

    private Condition bare(Syntax value) throws FilterException {
        return switch (value) {
            case Syntax.Word word -> {
                FieldDef field = FieldRegistry.lookup(word.token().text()).orElseThrow(() ->
                        error(word.token().text() + " is neither a field nor a protocol name.", word));
                yield new Condition.Exists(fieldOperand(field, List.of()));
            }
            case Syntax.StringLiteral string ->
                    throw error(display(string) + " is neither a field nor a protocol name.", string);
            case Syntax.CharLiteral character ->
                    throw error(display(character) + " is neither a field nor a protocol name.", character);
            case Syntax.Call call -> throw error("You cannot test whether a function is present.", call);
            case Syntax.Arithmetic arithmetic -> new Condition.NonZero(arithmetic(arithmetic, null));
            case Syntax.Negation negation -> new Condition.NonZero(negation(negation, null));
            default -> new Condition.Exists(subject(value, null));
        };
    }

    private Condition relation(Syntax.Relation node) throws FilterException {
        Token op = node.token();
        Operand left = subject(node.left(), op);
        FieldDef names = namesOf(node.left());
        return switch (op.kind()) {
            case CONTAINS -> contains(node, left, names);
            case MATCHES -> matches(node, left);
            default -> {
                if (left.type == FieldType.NONE) {
                    throw cannotParticipate(node.left(), left, op);
                }
                Operand right = value(node.right(), left, node.left(), names, false);
                boolean everyPair = switch (node.quantifier()) {
                    case ANY -> false;
                    case ALL -> true;
                    case DEFAULT -> op.kind() == Token.Kind.ALL_NE || op.kind() == Token.Kind.ALL_EQ;
                };
                Relation relation = switch (op.kind()) {
                    case ANY_EQ, ALL_EQ -> Relation.EQUAL;
                    case ALL_NE, ANY_NE -> Relation.NOT_EQUAL;
                    case LT -> Relation.LESS;
                    case LE -> Relation.LESS_OR_EQUAL;
                    case GT -> Relation.GREATER;
                    case GE -> Relation.GREATER_OR_EQUAL;
                    default -> throw new IllegalStateException(op.kind().name());
                };
                yield new Comparison(left, relation, everyPair, right);
            }
        };
    }

    private Condition contains(Syntax.Relation node, Operand left, FieldDef names) throws FilterException {
        FieldType type = left.type;
        if (type != FieldType.STRING && type != FieldType.BYTES && type != FieldType.PROTOCOL && type != FieldType.ETHER) {
            throw cannotParticipate(node.left(), left, node.token());
        }
        Operand right = value(node.right(), left, node.left(), names, true);
        return new Contains(left, right, node.quantifier() == Quantifier.ALL);
    }

    private Condition matches(Syntax.Relation node, Operand left) throws FilterException {
        FieldType type = left.type;
        if (type != FieldType.STRING && type != FieldType.BYTES && type != FieldType.PROTOCOL) {
            throw cannotParticipate(node.left(), left, node.token());
        }
        if (!(node.right() instanceof Syntax.StringLiteral string)) {
            throw error("Matches requires a double quoted string on the right side.", node.right());
        }
        String regex = new String(string.token().value().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        try {
            return new Matches(left, Pattern.compile(regex), node.quantifier() == Quantifier.ALL);
        } catch (PatternSyntaxException e) {
            throw new FilterException("Regex compilation error: " + regexProblem(e.getDescription()) + ".", filter, -1, 0);
        }
    }

    /** Java's words for the commonest regex mistakes in PCRE2's, which tshark prints; any other as Java has it. */
    private static String regexProblem(String description) {
        return switch (description) {
            case "Unclosed group" -> "missing closing parenthesis";
            case "Unmatched closing ')'" -> "unmatched closing parenthesis";
            case "Unclosed character class" -> "missing terminating ] for character class";
            case "Illegal repetition range" -> "numbers out of order in {} quantifier";
            default -> description.startsWith("Dangling meta character") ? "quantifier does not follow a repeatable item" : description;
        };
    }

    private Condition membership(Syntax.Membership node) throws FilterException {
        Operand operand = subject(node.entity(), node.token());
        if (operand.type == FieldType.NONE) {
            throw cannotParticipate(node.entity(), operand, node.token());
        }
        FieldDef names = namesOf(node.entity());
        List<Syntax.SetElement> elements = node.elements();
        Operand[] lows = new Operand[elements.size()];
        Operand[] highs = new Operand[elements.size()];
        for (int i = 0; i < lows.length; i++) {
            Syntax.SetElement element = elements.get(i);
            lows[i] = value(element.low(), operand, node.entity(), names, false);
            if (element.high() != null) {
                highs[i] = value(element.high(), operand, node.entity(), names, false);
            }
        }
        Condition in = new Membership(operand, lows, highs, node.quantifier() == Quantifier.ALL);
        return node.negated() ? new Condition.Not(in) : in;
    }

    // ---- values

    /**
     * The left side of a relation, which must be a field, slice, function or arithmetic;
     * {@code op} names the relation for the message, null for a value standing alone.
     */
    private Operand subject(Syntax node, Token op) throws FilterException {
        return switch (node) {
            case Syntax.Word word -> {
                FieldDef field = FieldRegistry.lookup(word.token().text()).orElse(null);
                if (field == null) {
                    throw notASubject(node, op);
                }
                yield fieldOperand(field, List.of());
            }
            case Syntax.StringLiteral string -> throw notASubject(string, op);
            case Syntax.CharLiteral character -> throw notASubject(character, op);
            case Syntax.Arithmetic arithmetic -> arithmetic(arithmetic, null);
            case Syntax.Negation negation -> negation(negation, null);
            default -> operand(node, null);
        };
    }

    private FilterException notASubject(Syntax node, Token op) {
        String relation = op == null ? "==" : op.text();
        return error("Left side of \"" + relation + "\" expression must be a field or function, not " + display(node) + ".", node);
    }

    /**
     * A value beside {@code other} (written {@code otherNode}): a literal is read as
     * {@code other}'s type ({@code names} giving value names), anything else must have a
     * compatible type. {@code partial} allows a MAC address of any length, for {@code contains}.
     */
    private Operand value(Syntax node, Operand other, Syntax otherNode, FieldDef names, boolean partial) throws FilterException {
        FieldType type = other.type;
        return switch (node) {
            case Syntax.Word word -> {
                FieldDef field = FieldRegistry.lookup(word.token().text()).orElse(null);
                if (field == null) {
                    yield Literals.fromWord(type, word.token(), names, partial, filter);
                }
                Operand operand = fieldOperand(field, List.of());
                checkCompatible(other, otherNode, operand, node);
                yield operand;
            }
            case Syntax.StringLiteral string -> Literals.fromString(type, string.token(), names, filter);
            case Syntax.CharLiteral character -> Literals.fromChar(type, character.token(), filter);
            case Syntax.Arithmetic arithmetic -> compatible(other, otherNode, arithmetic(arithmetic, type), node);
            case Syntax.Negation negation -> compatible(other, otherNode, negation(negation, type), node);
            default -> compatible(other, otherNode, operand(node, type), node);
        };
    }

    private Operand compatible(Operand other, Syntax otherNode, Operand operand, Syntax node) throws FilterException {
        checkCompatible(other, otherNode, operand, node);
        return operand;
    }

    /** A field (with layers), slice, function call or reference. */
    private Operand operand(Syntax node, FieldType expected) throws FilterException {
        return switch (node) {
            case Syntax.Word word -> fieldOperand(resolve(word.token(), word.token().text()), List.of());
            case Syntax.FieldName name -> fieldOperand(resolve(name.token(), name.name()), name.layers());
            case Syntax.Slice slice -> slice(slice);
            case Syntax.Call call -> call(call);
            case Syntax.Reference reference -> {
                Syntax.FieldName name = (Syntax.FieldName) reference.field();
                yield Constant.nothing(resolve(name.token(), name.name()).type());
            }
            case Syntax.Arithmetic arithmetic -> arithmetic(arithmetic, expected);
            case Syntax.Negation negation -> negation(negation, expected);
            case Syntax.StringLiteral string -> throw error(display(string) + " is not a valid protocol or protocol field.", string);
            case Syntax.CharLiteral character -> throw error(display(character) + " is not a valid protocol or protocol field.", character);
            default -> throw new IllegalStateException("not a value: " + node);
        };
    }

    private FieldDef resolve(Token token, String name) throws FilterException {
        return FieldRegistry.lookup(name).orElseThrow(() ->
                new FilterException("\"" + name + "\" is not a valid protocol or protocol field.", filter, token.position(), token.length()));
    }

    private Operand fieldOperand(FieldDef field, List<Token> layers) throws FilterException {
        fields.add(field);
        if (layers.isEmpty()) {
            return new FieldOperand(field);
        }
        List<ByteRange> ranges = new ArrayList<>();
        for (Token layer : layers) {
            ranges.add(ByteRange.parse(layer, filter));
        }
        return new LayerOperand(field, ranges);
    }

    private Operand slice(Syntax.Slice node) throws FilterException {
        Operand source = operand(node.entity(), null);
        if (!source.type.hasBytes()) {
            throw error("\"" + display(node.entity()) + "\" is a " + Types.prettyName(source.type)
                    + " and cannot be sliced into a sequence of bytes.", node.entity());
        }
        List<ByteRange> ranges = new ArrayList<>();
        for (Token range : node.ranges()) {
            ranges.add(ByteRange.parse(range, filter));
        }
        return new SliceOperand(source, ranges);
    }

    /**
     * {@code left OP right}: typed by its field side, the literal side read as that type;
     * two literals take the type expected from outside, where there is one.
     */
    private Operand arithmetic(Syntax.Arithmetic node, FieldType expected) throws FilterException {
        Operator operator = switch (node.token().kind()) {
            case BITWISE_AND -> Operator.AND;
            case PLUS -> Operator.ADD;
            case MINUS -> Operator.SUBTRACT;
            case STAR -> Operator.MULTIPLY;
            case SLASH -> Operator.DIVIDE;
            case PERCENT -> Operator.MODULO;
            default -> throw new IllegalStateException(node.token().kind().name());
        };
        Operand left;
        Operand right;
        if (!isLiteral(node.left()) && !isLiteral(node.right())) {
            left = allowed(arithmeticSide(node.left(), expected), operator, node.left());
            right = allowed(arithmeticSide(node.right(), expected), operator, node.right());
            if (Types.group(left.type) != Types.group(right.type)) {
                throw error(display(node.left()) + " and " + display(node.right()) + " are not type compatible.", node.right());
            }
        } else if (!isLiteral(node.left())) {
            left = allowed(arithmeticSide(node.left(), expected), operator, node.left());
            right = value(node.right(), left, node.left(), null, false);
        } else if (!isLiteral(node.right())) {
            right = allowed(arithmeticSide(node.right(), expected), operator, node.right());
            left = value(node.left(), right, node.right(), null, false);
        } else if (expected != null) {
            left = allowed(literal(node.left(), expected), operator, node.left());
            right = literal(node.right(), expected);
        } else {
            throw error("Constant arithmetic expression on the LHS is invalid.", node.left());
        }
        return new ArithmeticOperand(operator, left, right);
    }

    private Operand allowed(Operand operand, Operator operator, Syntax node) throws FilterException {
        if (!allows(operand.type, operator)) {
            throw error(operand.type.wiresharkName() + " cannot " + operator.symbol + ".", node);
        }
        return operand;
    }

    private Operand arithmeticSide(Syntax node, FieldType expected) throws FilterException {
        return switch (node) {
            case Syntax.Arithmetic arithmetic -> arithmetic(arithmetic, expected);
            case Syntax.Negation negation -> negation(negation, expected);
            default -> subject(node, null);
        };
    }

    /** Which arithmetic Wireshark 4.0 defines for a type: all of it on integers, {@code + -} on times, {@code &} on addresses and bytes. */
    private static boolean allows(FieldType type, Operator operator) {
        if (type.isInteger() && type != FieldType.FRAMENUM) {
            return true;
        }
        return switch (type) {
            case RELATIVE_TIME -> operator == Operator.ADD || operator == Operator.SUBTRACT;
            case IPV4, BYTES -> operator == Operator.AND;
            default -> false;
        };
    }

    /** {@code -x}; a literal is negated at once. */
    private Operand negation(Syntax.Negation node, FieldType expected) throws FilterException {
        Syntax operand = node.operand();
        if (isLiteral(operand)) {
            if (expected == null) {
                throw error("Constant arithmetic expression on the LHS is invalid.", operand);
            }
            if (operand instanceof Syntax.StringLiteral string) {
                throw error(display(string) + " is not a valid arithmetic operand.", string);
            }
            Constant literal = literal(operand, expected);
            checkNegatable(literal.type, node);
            return Constant.number(literal.type, -literal.number(), true);
        }
        Operand value = subject(operand, null);
        checkNegatable(value.type, node);
        return new NegationOperand(value);
    }

    private void checkNegatable(FieldType type, Syntax.Negation node) throws FilterException {
        if (!type.isInteger() && type != FieldType.RELATIVE_TIME) {
            throw error(type.wiresharkName() + " cannot -.", node.operand());
        }
    }

    private Constant literal(Syntax node, FieldType type) throws FilterException {
        return switch (node) {
            case Syntax.Word word -> Literals.fromWord(type, word.token(), null, false, filter);
            case Syntax.StringLiteral string -> Literals.fromString(type, string.token(), null, filter);
            case Syntax.CharLiteral character -> Literals.fromChar(type, character.token(), filter);
            default -> throw new IllegalStateException("not a literal: " + node);
        };
    }

    /** True for a word that names no field, a string or a character constant: a value whose type comes from elsewhere. */
    private static boolean isLiteral(Syntax node) {
        return node instanceof Syntax.StringLiteral || node instanceof Syntax.CharLiteral
                || node instanceof Syntax.Word word && FieldRegistry.lookup(word.token().text()).isEmpty();
    }

    private Operand call(Syntax.Call node) throws FilterException {
        String name = node.token().text();
        Function function = Function.named(name);
        List<Syntax> arguments = node.arguments();
        if (arguments.size() < function.minimumArguments) {
            throw error("Function " + name + " needs at least " + function.minimumArguments + " arguments.", node);
        }
        if (arguments.size() > function.maximumArguments) {
            throw error("Function " + name + " can only accept " + function.maximumArguments + " arguments.", node);
        }
        List<Operand> operands = new ArrayList<>();
        switch (function) {
            case LOWER, UPPER -> {
                Syntax argument = arguments.getFirst();
                Operand operand = isLiteral(argument) ? null : subject(argument, null);
                if (operand == null || operand.type != FieldType.STRING) {
                    throw functionError("Only string type fields can be used as parameter for " + name + "()", argument);
                }
                operands.add(operand);
            }
            case LEN, COUNT, STRING -> {
                Syntax argument = arguments.getFirst();
                if (!isField(argument)) {
                    throw functionError("Only fields can be used as parameter for " + name + "()", argument);
                }
                Operand operand = operand(argument, null);
                if (function == Function.STRING && !FunctionOperand.convertsToString(operand.type)) {
                    throw functionError("String conversion for field \"" + display(argument) + "\" is not supported", argument);
                }
                operands.add(operand);
            }
            case ABS -> {
                Syntax argument = arguments.getFirst();
                if (argument instanceof Syntax.StringLiteral) {
                    throw error("Type STRING is not valid for " + name, argument);
                }
                operands.add(subject(nonLiteralArgument(argument, name), null));
            }
            case MAX, MIN -> {
                Operand first = subject(nonLiteralArgument(arguments.getFirst(), name), null);
                operands.add(first);
                for (Syntax argument : arguments.subList(1, arguments.size())) {
                    Operand operand = isLiteral(argument) ? literal(argument, first.type) : subject(argument, null);
                    if (operand.type != first.type) {
                        throw error("Arguments to '" + name + "' must have the same type (expected "
                                + first.type.wiresharkName() + ", got " + operand.type.wiresharkName() + ")", argument);
                    }
                    operands.add(operand);
                }
            }
        }
        return new FunctionOperand(function, operands);
    }

    private Syntax nonLiteralArgument(Syntax argument, String function) throws FilterException {
        if (isLiteral(argument)) {
            throw error("Argument '" + argument.token().text() + "' is not valid for " + function + "()", argument);
        }
        return argument;
    }

    /**
     * A function's argument error, placed as tshark places it: at the argument's token (an
     * arithmetic's operator), nowhere for a slice, which has no place of its own in 4.0.
     */
    private FilterException functionError(String message, Syntax argument) {
        return argument instanceof Syntax.Slice ? new FilterException(message, filter, -1, 0)
                : new FilterException(message, filter, argument.token().position(), argument.token().length());
    }

    private static boolean isField(Syntax node) {
        return node instanceof Syntax.FieldName
                || node instanceof Syntax.Word word && FieldRegistry.lookup(word.token().text()).isPresent();
    }

    /** The field whose value names a literal beside {@code node} may use: {@code node}'s own field, if it is one. */
    private static FieldDef namesOf(Syntax node) {
        return switch (node) {
            case Syntax.Word word -> FieldRegistry.lookup(word.token().text()).orElse(null);
            case Syntax.FieldName name -> FieldRegistry.lookup(name.name()).orElse(null);
            default -> null;
        };
    }

    // ---- types

    private void checkCompatible(Operand left, Syntax leftNode, Operand right, Syntax rightNode) throws FilterException {
        if (Types.group(left.type) == Types.group(right.type)) {
            return;
        }
        if (left.type == FieldType.BYTES && left instanceof SliceOperand && isField(rightNode)) {
            throw cannotBeBytes(rightNode, right);
        }
        if (right.type == FieldType.BYTES && right instanceof SliceOperand && isField(leftNode)) {
            throw cannotBeBytes(leftNode, left);
        }
        throw error(display(leftNode) + " and " + display(rightNode) + " are not of compatible types.", rightNode);
    }

    private FilterException cannotBeBytes(Syntax node, Operand operand) {
        return error("\"" + display(node) + "\" is a " + Types.prettyName(operand.type)
                + " and cannot be converted into a sequence of bytes.", node);
    }

    private FilterException cannotParticipate(Syntax node, Operand operand, Token op) {
        return error(display(node) + " (type=" + Types.prettyName(operand.type) + ") cannot participate in "
                + op.text() + " comparison.", node);
    }

    // ---- messages

    /** A node as tshark names it in messages: a field by its name, a string quoted, anything else as written. */
    private String display(Syntax node) {
        return switch (node) {
            case Syntax.StringLiteral string ->
                    "\"" + new String(string.token().value().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8) + "\"";
            case Syntax.FieldName name -> name.name();
            case Syntax.Slice slice -> display(slice.entity());
            case Syntax.Bare bare -> display(bare.value());
            default -> node.token().text();
        };
    }

    private FilterException error(String message, Syntax node) {
        return new FilterException(message, filter, node.token().position(), Math.max(1, node.length()));
    }
}
