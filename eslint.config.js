// @ts-check
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "docs/**"] },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ["*.js"] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
    },
  },
  {
    files: ["src/**/*.ts"],
    ignores: ["src/adapters/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["node:*"], message: "The core runs in browsers: no Node built-ins outside src/adapters." }] }],
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "The core never reads the clock: take asOf." },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "The core never reads the clock: take asOf." },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: "The core is deterministic." },
        { selector: "CallExpression[callee.property.name='set'][callee.object.name='Decimal']", message: "Never the global Decimal.set: use the private clone." },
      ],
    },
  },
);
