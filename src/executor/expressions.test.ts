import { describe, expect, it } from "vitest";
import { compileExpression, ExpressionError } from "./expressions";

const evaluate = (source: string, variables: Record<string, unknown>) =>
  compileExpression(source, Object.keys(variables)).evaluate(variables);

describe("CEL subset", () => {
  const event = { name: "order/created", data: { id: "o1", total: 30, tags: ["a"], nested: { "x-y": 2 } } };

  it("evaluates the expressions Inngest generates and users commonly write", () => {
    expect(evaluate("event.data.function_id == 'app-fn'", { event: { data: { function_id: "app-fn" } } })).toBe(true);
    expect(evaluate("event.data.id == async.data.id", { event, async: { data: { id: "o1" } } })).toBe(true);
    expect(evaluate("event.data.id == async.data.id", { event, async: { data: { id: "o2" } } })).toBe(false);
    expect(evaluate('event.data.total >= 30 && event.name != "x"', { event })).toBe(true);
    expect(evaluate("!(event.data.total < 10) || false", { event })).toBe(true);
    expect(evaluate('event.data.id + "-" + event.data.nested["x-y"]', { event })).toBe("o1-2");
    expect(evaluate("event.data.tags[0]", { event })).toBe("a");
    expect(evaluate("event.data.missing == null", { event })).toBe(true);
  });

  it("refuses what it does not understand instead of guessing", () => {
    expect(() => compileExpression("size(event.data.tags) > 0", ["event"])).toThrow(ExpressionError);
    expect(() => compileExpression("event.data.name.startsWith('a')", ["event"])).toThrow(/function calls/);
    expect(() => compileExpression("other.data", ["event"])).toThrow(/unknown name/);
    expect(() => compileExpression("event.data.x ? 1 : 2", ["event"])).toThrow(ExpressionError);
    expect(() => compileExpression("'open", ["event"])).toThrow(/unterminated/);
  });
});
