/** The Activity outcome filter's values (plain module: the server page parses the URL with it too). */
export type Outcome = "" | "success" | "failure";

export function toOutcome(v: string): Outcome {
  return v === "success" || v === "failure" ? v : "";
}
