import { z } from "zod";

/** Lower-case letters, digits and single hyphens, 2–48 characters: safe in URLs and CLI args. */
export const slugSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){1,47}$/, "must be 2-48 lower-case letters, digits or hyphens (no leading, trailing or double hyphen)");

export const nameSchema = z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters");

/** The first problem in a zod result, as "field: message". */
export function firstIssue(error: z.ZodError, field?: string): string {
  const issue = error.issues[0];
  const where = field ?? (issue?.path.length ? issue.path.map(String).join(".") : "value");
  return `${where}: ${issue?.message ?? "invalid"}`;
}
