import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "./csv-cell";

describe("csvCell", () => {
  it.each([
    ["=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\""],
    ["+1+1", "'+1+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1", "'\t=1"],
    ["plain", "plain"],
    ["a,b", "\"a,b\""],
    ["line\nbreak", "\"line\nbreak\""],
    ["say \"hi\"", "\"say \"\"hi\"\"\""],
  ])("%j → %j", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it("leaves numbers alone (a negative status is data, not a formula) and empties null", () => {
    expect(csvRow([-1, 400, null, undefined, ""])).toBe("-1,400,,,");
  });
});
