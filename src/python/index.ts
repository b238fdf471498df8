/** The pasted-Python reader's public face: parse statements or one expression, then take their values. */
export type * from './ast';
export { PythonEvaluationError, PythonSyntaxError, type Span } from './errors';
export { compileLambda, literalValue, type LiteralValue } from './evaluate';
export { parseExpression, parseStatements } from './parse';
