import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/ban-ts-comment": "error",
      "no-restricted-syntax": ["error", { selector: "TSEnumDeclaration", message: "Use an `as const` union instead of enum." }],
    },
  },
  {
    // lib/env.ts is the only reader of process.env (scripts, tests, test support and benches set it up).
    files: ["app/**", "lib/**", "db/**"],
    ignores: ["lib/env.ts", "**/*.test.ts", "lib/testing/**"],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through lib/env.ts." }],
    },
  },
  {
    // One logger (lib/log): JSON lines with redaction and request ids. console.* bypasses both.
    files: ["app/**", "lib/**", "db/**", "scripts/**", "proxy.ts", "instrumentation.ts"],
    ignores: ["**/*.test.ts", "lib/testing/**"],
    rules: {
      "no-console": "error",
    },
  },
  { ignores: [".next/**", "node_modules/**", ".data/**", "db/migrations/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "e2e/artifacts/**"] },
];

export default config;
