import { describe, expect, it } from "vitest";
import { inlineText } from "./markdown-text";

describe("inlineText (untrusted labels in markdown)", () => {
  it.each([
    ["[Verify](https://evil.example)", "\\[Verify\\](https\\://evil.example)"],
    ["![x](https://evil.example/p.png)", "!\\[x\\](https\\://evil.example/p.png)"],
    ["**bold** and `code`", "\\*\\*bold\\*\\* and \\`code\\`"],
    ["<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"],
    ["back\\slash", "back\\\\slash"],
    ["alice_bob.smith@example.com", "alice_bob.smith@example.com"],
    ["two\nlines\ttab", "two lines tab"],
  ])("%j → %j", (input, expected) => expect(inlineText(input)).toBe(expected));
});

describe("S15: URLs in provider labels stay text", () => {
  it.each([
    ["Bob https://evil.example/reauth", "Bob https\\://evil.example/reauth"],
    ["see www.evil.example", "see www\\.evil.example"],
  ])("%j → %j", (input, expected) => expect(inlineText(input)).toBe(expected));
});
