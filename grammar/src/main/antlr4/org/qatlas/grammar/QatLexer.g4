// The tokens of Qatlas (.qat files). QatLexerBase decides, from the previous token, whether a
// '{' opens a block or a record and whether a newline ends a statement; QatParser.g4 holds the
// grammar.
lexer grammar QatLexer;

options { superClass = QatLexerBase; }

tokens { BLOCK_OPEN }

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
