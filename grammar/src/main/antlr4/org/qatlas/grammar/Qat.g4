// The grammar of Qatlas (.qat files).
//
// Statements end at the end of a line. Inside ( ), [ ] and record braces a newline is only
// white space, so long calls, lists and comprehensions can span lines. A '{' opens a block
// when it follows the end of an expression or a header ('if x > 0 {', 'else {',
// 'fn f(x) {'), and a record literal everywhere else ('= {', '(', ',', 'with {', ...). The
// lexer decides this from the previous token, so the parser sees two different tokens.
grammar Qat;

tokens { BLOCK_OPEN }

@lexer::members {
    /** Declared in 'tokens' above, so it lives in the parser's vocabulary. */
    private static final int BLOCK_OPEN = QatParser.BLOCK_OPEN;

    /** What kind of bracket each open bracket is: newlines count only inside blocks. */
    private final java.util.ArrayDeque<Integer> openBrackets = new java.util.ArrayDeque<>();
    private int previousType = -1;

    /** How deep the open brackets are at this point; a REPL reads more lines while it is > 0. */
    public int openBracketDepth() {
        return openBrackets.size();
    }

    @Override
    public org.antlr.v4.runtime.Token nextToken() {
        while (true) {
            org.antlr.v4.runtime.Token token = super.nextToken();
            int type = token.getType();
            if (type == NEWLINE && !openBrackets.isEmpty() && openBrackets.peek() != BLOCK_OPEN) {
                continue; // inside ( [ or a record: a line break is white space
            }
            if (type == LBRACE && endsExpressionOrHeader(previousType)) {
                ((org.antlr.v4.runtime.WritableToken) token).setType(BLOCK_OPEN);
                type = BLOCK_OPEN;
            }
            switch (type) {
                case LPAREN, LBRACK, LBRACE, QatParser.BLOCK_OPEN -> openBrackets.push(type);
                case RPAREN, RBRACK, RBRACE -> { if (!openBrackets.isEmpty()) openBrackets.pop(); }
                default -> { }
            }
            if (token.getChannel() == org.antlr.v4.runtime.Token.DEFAULT_CHANNEL) {
                previousType = type;
            }
            return token;
        }
    }

    private static boolean endsExpressionOrHeader(int type) {
        return switch (type) {
            case IDENT, NUMBER, STRING, TRUE, FALSE, NONE, RPAREN, RBRACK, RBRACE, ELSE -> true;
            default -> false;
        };
    }
}

program
    : sep* (statement (sep+ statement)*)? sep* EOF
    ;

/** One expression and nothing else: the inside of a string interpolation "${...}". */
expressionOnly
    : expr EOF
    ;

sep
    : NEWLINE
    | SEMI
    ;

block
    : BLOCK_OPEN sep* (statement (sep+ statement)*)? sep* RBRACE
    ;

statement
    : IMPORT (path=STRING | module=IDENT) (AS alias=IDENT)?                 # importStatement
    | FN name=IDENT LPAREN parameters? RPAREN (ASSIGN body=expr | block)   # functionDefinition
    // 'law' is a keyword only here (two names in a row begin nothing else), so that it stays
    // free as a name elsewhere: best_bits(law: L), fn f(law) = ...
    | {_input.LT(1).getText().equals("law")}? IDENT name=IDENT LPAREN variables=identifiers
          (SEMI lawParameters)? RPAREN ASSIGN body=expr                     # lawDefinition
    | RETURN expr?                                                           # returnStatement
    | ifStatement                                                            # ifStatementAlone
    | FOR target IN iterable=expr block                                      # forStatement
    | target ASSIGN expr                                                     # assignment
    | name=IDENT op=(PLUS_ASSIGN | MINUS_ASSIGN | STAR_ASSIGN | SLASH_ASSIGN) expr  # compoundAssignment
    | expr                                                                   # expressionStatement
    ;

ifStatement
    : IF condition=expr then=block (ELSE (elseIf=ifStatement | otherwise=block))?
    ;

/** What a for loop or an assignment binds: a name, or a list pattern that destructures. */
target
    : IDENT                                          # nameTarget
    | LBRACK target (COMMA target)* COMMA? RBRACK    # listTarget
    ;

parameters
    : parameter (COMMA parameter)* COMMA?
    ;

parameter
    : name=IDENT (ASSIGN defaultValue=expr)?
    ;

identifiers
    : IDENT (COMMA IDENT)*
    ;

lawParameters
    : lawParameter (COMMA lawParameter)* COMMA?
    ;

/** A free parameter: its starting value, and optionally a lower bound it must stay above (k > 0 = 0.1). */
lawParameter
    : name=IDENT (GT bound=expr)? ASSIGN initial=expr
    ;

expr
    : lambdaParameters ARROW body=expr               # lambda
    | orExpr                                         # plainExpr
    ;

lambdaParameters
    : IDENT
    | LPAREN (IDENT (COMMA IDENT)*)? RPAREN
    ;

orExpr
    : andExpr (OR andExpr)*
    ;

andExpr
    : notExpr (AND notExpr)*
    ;

notExpr
    : NOT notExpr                                    # not
    | comparison                                     # notOperand
    ;

/** Comparisons chain as in mathematics: a < b <= c means a < b and b <= c. */
comparison
    : withExpr (comparisonOperator withExpr)*
    ;

comparisonOperator
    : EQ | NE | LT | LE | GT | GE | IN | NOT IN
    ;

withExpr
    : additive (WITH additive)*
    ;

additive
    : multiplicative (additiveOperator multiplicative)*
    ;

additiveOperator
    : PLUS | MINUS
    ;

multiplicative
    : unary (multiplicativeOperator unary)*
    ;

multiplicativeOperator
    : STAR | SLASH | PERCENT
    ;

/** Unary minus binds looser than power: -x^2 is -(x^2). */
unary
    : op=(MINUS | PLUS) unary                        # signed
    | power                                          # unaryOperand
    ;

/** Power is right-associative: 2^3^2 is 2^(3^2). */
power
    : postfix (CARET exponent=unary)?
    ;

postfix
    : primary postfixOperation*
    ;

postfixOperation
    : DOT name=IDENT                                 # fieldAccess
    | LBRACK index=expr RBRACK                       # indexAccess
    | LBRACK from=expr? COLON to=expr? RBRACK        # sliceAccess
    | LPAREN arguments? RPAREN                       # call
    ;

arguments
    : argument (COMMA argument)* COMMA?
    ;

argument
    : (name=IDENT COLON)? value=expr
    ;

primary
    : NUMBER                                                   # number
    | STRING                                                   # string
    | TRUE                                                     # true
    | FALSE                                                    # false
    | NONE                                                     # none
    | IDENT                                                    # name
    | LPAREN expr RPAREN                                       # parenthesized
    | LBRACK element=expr comprehensionClause+ RBRACK          # comprehension
    | LBRACK (expr (COMMA expr)* COMMA?)? RBRACK               # list
    | LBRACE (field (COMMA field)* COMMA?)? RBRACE             # record
    ;

comprehensionClause
    : FOR target IN iterable=orExpr                  # comprehensionFor
    | IF condition=orExpr                            # comprehensionIf
    ;

field
    : (IDENT | STRING) COLON expr
    ;

// ---------------------------------------------------------------------------------------
// Lexer

IMPORT : 'import' ;
AS     : 'as' ;
FN     : 'fn' ;
RETURN : 'return' ;
IF     : 'if' ;
ELSE   : 'else' ;
FOR    : 'for' ;
IN     : 'in' ;
WITH   : 'with' ;
AND    : 'and' ;
OR     : 'or' ;
NOT    : 'not' ;
TRUE   : 'true' ;
FALSE  : 'false' ;
NONE   : 'none' ;

ARROW        : '->' ;
PLUS_ASSIGN  : '+=' ;
MINUS_ASSIGN : '-=' ;
STAR_ASSIGN  : '*=' ;
SLASH_ASSIGN : '/=' ;
EQ      : '==' ;
NE      : '!=' ;
LE      : '<=' ;
GE      : '>=' ;
LT      : '<' ;
GT      : '>' ;
ASSIGN  : '=' ;
PLUS    : '+' ;
MINUS   : '-' ;
STAR    : '*' ;
SLASH   : '/' ;
PERCENT : '%' ;
CARET   : '^' ;
DOT     : '.' ;
COMMA   : ',' ;
COLON   : ':' ;
SEMI    : ';' ;
LPAREN  : '(' ;
RPAREN  : ')' ;
LBRACK  : '[' ;
RBRACK  : ']' ;
LBRACE  : '{' ;
RBRACE  : '}' ;

/** Decimal numbers with optional '_' separators, exponent and SI suffix (K, M, B, T). */
NUMBER
    : DIGITS ('.' DIGITS)? EXPONENT? SI_SUFFIX?
    | '.' DIGITS EXPONENT? SI_SUFFIX?
    ;

fragment DIGITS    : [0-9] ('_'? [0-9])* ;
fragment EXPONENT  : [eE] [+-]? [0-9]+ ;
fragment SI_SUFFIX : [KMBT] ;

/**
 * A string literal, interpolations included: "loss ${r.loss}". The interpreter parses the
 * text between '${' and its matching '}' as an expression; a '$' not followed by '{' is literal.
 */
STRING
    : '"' ( '\\' ~[\r\n] | INTERPOLATION | '$' {_input.LA(1) != '{'}? | ~["\\\r\n$] )* '"'
    ;

/**
 * "${...}". The expression may contain braces ("${r with { lr: 1e-3 }}") and strings of its
 * own ("${"a" + "}"}"), so it ends at the '}' that matches '${', not at the first one.
 */
fragment INTERPOLATION : '${' INTERPOLATED* '}' ;
fragment INTERPOLATED  : '{' INTERPOLATED* '}' | STRING | ~[{}"\r\n] ;

IDENT : [a-zA-Z_] [a-zA-Z_0-9]* ;

NEWLINE : '\r'? '\n' | '\r' ;
/** Comments stay on a hidden channel: those right above a 'fn' or 'law' are its documentation. */
COMMENT : '#' ~[\r\n]* -> channel(HIDDEN) ;
WS      : [ \t\f]+ -> skip ;
LINE_CONTINUATION : '\\' [ \t]* '\r'? '\n' -> skip ;

/** Any other character becomes a token of its own, so that the parser reports it in place. */
UNKNOWN_CHARACTER : . ;
