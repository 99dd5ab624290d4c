import type { z } from "zod";
import { AppError } from "@/server/errors";

/** One validation issue as every edge reports it: `{path: "auth_settings.apiKey", message}`. */
export type ValidationIssue = { path: string; message: string };

type IssueWithPath = { path: PropertyKey[]; message: string };

/** Zod issues re-rooted under `prefix`, ready for `ctx.addIssue` in an enclosing schema. */
export function issuesFrom(error: z.ZodError, prefix: PropertyKey[] = []): IssueWithPath[] {
  return error.issues.map((issue) => ({ path: [...prefix, ...issue.path], message: issue.message }));
}

export function formatIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): ValidationIssue[] {
  return issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}

/** A 422 for input only the domain can judge (it depends on what is stored), shaped like schema errors. */
export function invalidInput(issues: readonly { path: readonly PropertyKey[]; message: string }[]): AppError {
  const formatted = formatIssues(issues);
  const first = formatted[0];
  const summary = first ? `${first.path ? `${first.path}: ` : ""}${first.message}` : "invalid input";
  return new AppError("UNPROCESSABLE", `Invalid input: ${summary}`, { issues: formatted });
}
