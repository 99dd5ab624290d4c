/**
 * The small part of CEL (Common Expression Language) that Inngest function configs commonly use, evaluated
 * against JSON: trigger filters (`event.data.function_id == 'app-fn'`, as `onFailure` produces), waitForEvent
 * matches (`event.data.id == async.data.id`, as `match` produces) and concurrency keys (`event.data.endpointId`).
 *
 * Grammar: literals (strings in ' or ", numbers, true, false, null), paths from a variable (`a.b`, `a["b"]`,
 * `a[0]`), `!`, `+` (numbers or strings), `==` `!=` `<` `<=` `>` `>=`, `&&`, `||`, parentheses.
 * Anything else fails to parse, so the sync that brought it is refused rather than silently mis-evaluated.
 */

type Node =
  | { kind: "literal"; value: unknown }
  | { kind: "path"; root: string; keys: (string | number)[] }
  | { kind: "not"; operand: Node }
  | { kind: "binary"; operator: BinaryOperator; left: Node; right: Node };

type BinaryOperator = "||" | "&&" | "==" | "!=" | "<" | "<=" | ">" | ">=" | "+";

type Token =
  | { kind: "string"; value: string }
  | { kind: "number"; value: number }
  | { kind: "identifier"; value: string }
  | { kind: "symbol"; value: string };

export class ExpressionError extends Error {
  constructor(expression: string, problem: string) {
    super(`cannot evaluate expression \`${expression}\`: ${problem}`);
    this.name = "ExpressionError";
  }
}

const SYMBOLS = ["==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "+", ".", "[", "]", "(", ")"];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < source.length) {
    const char = source[index];
    if (/\s/.test(char)) {
      index++;
      continue;
    }
    if (char === "'" || char === '"') {
      let value = "";
      index++;
      while (index < source.length && source[index] !== char) {
        if (source[index] === "\\" && index + 1 < source.length) {
          const escaped = source[index + 1];
          value += escaped === "n" ? "\n" : escaped === "t" ? "\t" : escaped;
          index += 2;
        } else {
          value += source[index++];
        }
      }
      if (source[index] !== char) throw new ExpressionError(source, "unterminated string");
      index++;
      tokens.push({ kind: "string", value });
      continue;
    }
    const number = /^\d+(?:\.\d+)?/.exec(source.slice(index));
    if (number) {
      tokens.push({ kind: "number", value: Number(number[0]) });
      index += number[0].length;
      continue;
    }
    const identifier = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(index));
    if (identifier) {
      tokens.push({ kind: "identifier", value: identifier[0] });
      index += identifier[0].length;
      continue;
    }
    const symbol = SYMBOLS.find((candidate) => source.startsWith(candidate, index));
    if (!symbol) throw new ExpressionError(source, `unsupported character "${char}"`);
    tokens.push({ kind: "symbol", value: symbol });
    index += symbol.length;
  }
  return tokens;
}

const PRECEDENCE: BinaryOperator[][] = [["||"], ["&&"], ["==", "!=", "<", "<=", ">", ">="], ["+"]];

class Parser {
  private position = 0;
  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
    private readonly variables: readonly string[],
  ) {}

  parse(): Node {
    const node = this.binary(0);
    if (this.position < this.tokens.length) throw this.error(`unexpected "${this.describe(this.tokens[this.position])}"`);
    return node;
  }

  private binary(level: number): Node {
    if (level === PRECEDENCE.length) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      const token = this.tokens[this.position];
      const operator = token?.kind === "symbol" ? PRECEDENCE[level].find((op) => op === token.value) : undefined;
      if (!operator) return left;
      this.position++;
      left = { kind: "binary", operator, left, right: this.binary(level + 1) };
    }
  }

  private unary(): Node {
    if (this.peekSymbol("!")) {
      this.position++;
      return { kind: "not", operand: this.unary() };
    }
    return this.primary();
  }

  private primary(): Node {
    const token = this.tokens[this.position++];
    if (!token) throw this.error("unexpected end");
    if (token.kind === "string" || token.kind === "number") return { kind: "literal", value: token.value };
    if (token.kind === "symbol" && token.value === "(") {
      const inner = this.binary(0);
      this.expectSymbol(")");
      return inner;
    }
    if (token.kind !== "identifier") throw this.error(`unexpected "${token.value}"`);
    if (token.value === "true" || token.value === "false") return { kind: "literal", value: token.value === "true" };
    if (token.value === "null") return { kind: "literal", value: null };
    if (!this.variables.includes(token.value)) {
      throw this.error(`unknown name "${token.value}" (available: ${this.variables.join(", ")})`);
    }
    const keys: (string | number)[] = [];
    for (;;) {
      if (this.peekSymbol(".")) {
        this.position++;
        const field = this.tokens[this.position++];
        if (field?.kind !== "identifier") throw this.error("expected a field name after '.'");
        if (this.peekSymbol("(")) throw this.error(`function calls such as "${field.value}()" are not supported`);
        keys.push(field.value);
      } else if (this.peekSymbol("[")) {
        this.position++;
        const key = this.tokens[this.position++];
        if (key?.kind !== "string" && key?.kind !== "number") throw this.error("expected a string or number index");
        keys.push(key.value);
        this.expectSymbol("]");
      } else {
        return { kind: "path", root: token.value, keys };
      }
    }
  }

  private peekSymbol(symbol: string): boolean {
    const token = this.tokens[this.position];
    return token?.kind === "symbol" && token.value === symbol;
  }

  private expectSymbol(symbol: string): void {
    if (!this.peekSymbol(symbol)) throw this.error(`expected "${symbol}"`);
    this.position++;
  }

  private describe(token: Token): string {
    return String(token.value);
  }

  private error(problem: string): ExpressionError {
    return new ExpressionError(this.source, problem);
  }
}

export type CompiledExpression = {
  readonly source: string;
  evaluate(variables: Record<string, unknown>): unknown;
};

/** Parses an expression over the given variable names; throws ExpressionError when it is outside the subset. */
export function compileExpression(source: string, variables: readonly string[]): CompiledExpression {
  const root = new Parser(source, tokenize(source), variables).parse();
  return { source, evaluate: (values) => evaluate(root, values) };
}

function lookup(value: unknown, key: string | number): unknown {
  if (value === null || typeof value !== "object") return undefined;
  return (value as Record<string | number, unknown>)[key];
}

function equal(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  // a missing field compares like null, as an absent JSON member would in Inngest's evaluator
  if ((left === undefined || left === null) && (right === undefined || right === null)) return true;
  if (typeof left === "object" && left !== null && typeof right === "object" && right !== null) {
    return JSON.stringify(left) === JSON.stringify(right);
  }
  return false;
}

function compare(operator: "<" | "<=" | ">" | ">=", left: unknown, right: unknown): boolean {
  const comparable =
    (typeof left === "number" && typeof right === "number") || (typeof left === "string" && typeof right === "string");
  if (!comparable) return false;
  const a = left as number | string;
  const b = right as number | string;
  switch (operator) {
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    case ">":
      return a > b;
    case ">=":
      return a >= b;
  }
}

function evaluate(node: Node, variables: Record<string, unknown>): unknown {
  switch (node.kind) {
    case "literal":
      return node.value;
    case "path":
      return node.keys.reduce<unknown>(lookup, variables[node.root]);
    case "not":
      return !evaluate(node.operand, variables);
    case "binary": {
      if (node.operator === "&&") return Boolean(evaluate(node.left, variables)) && Boolean(evaluate(node.right, variables));
      if (node.operator === "||") return Boolean(evaluate(node.left, variables)) || Boolean(evaluate(node.right, variables));
      const left = evaluate(node.left, variables);
      const right = evaluate(node.right, variables);
      switch (node.operator) {
        case "==":
          return equal(left, right);
        case "!=":
          return !equal(left, right);
        case "+":
          if (typeof left === "number" && typeof right === "number") return left + right;
          return `${left ?? ""}${right ?? ""}`;
        default:
          return compare(node.operator, left, right);
      }
    }
  }
}
