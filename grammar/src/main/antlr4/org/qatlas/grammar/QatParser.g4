// The grammar of Qatlas (.qat files): the parser. QatLexer.g4 holds the tokens.
//
// Statements end at the end of a line. Inside ( ), [ ] and record braces a newline is only
// white space, so long calls, lists and comprehensions can span lines. A '{' opens a block
// when it follows the end of an expression or a header ('if x > 0 {', 'else {',
// 'fn f(x) {'), and a record literal everywhere else ('= {', '(', ',', 'with {', ...). The
// lexer decides this from the previous token, so the parser sees two different tokens.
parser grammar QatParser;

options { tokenVocab = QatLexer; }

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
