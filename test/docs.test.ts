import { describe, expect, it } from "vitest";
import ts from "typescript";
import { fileURLToPath } from "node:url";

/**
 * The public surface is documented: every exported value of every entry point (the package root
 * and each subpath) has TSDoc with an `@example`, every exported type has TSDoc.
 */
const ENTRIES: Record<string, string> = {
  "credit-block": "../src/index.ts",
  "credit-block/http": "../src/adapters/http/index.ts",
  "credit-block/node": "../src/adapters/node/index.ts",
  "credit-block/nfce": "../src/adapters/nfce/index.ts",
  "credit-block/zod": "../src/adapters/zod/index.ts",
  "credit-block/express": "../src/adapters/express/index.ts",
  "credit-block/json-schema": "../src/json-schema/index.ts",
  "credit-block/source": "../src/adapters/source/index.ts",
  "credit-block/pix": "../src/pix/index.ts",
  "credit-block/pix/svg": "../src/pix/svg.ts",
  "credit-block/boleto": "../src/boleto/index.ts",
};
const files = Object.fromEntries(Object.entries(ENTRIES).map(([name, path]) => [name, fileURLToPath(new URL(path, import.meta.url))]));
const program = ts.createProgram(Object.values(files), {
  module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, strict: true, noEmit: true,
  baseUrl: fileURLToPath(new URL("..", import.meta.url)),
  paths: Object.fromEntries(Object.entries(ENTRIES).map(([name, path]) => [name, [path.replace("../", "./")]])),
});
const checker = program.getTypeChecker();

describe.each(Object.keys(ENTRIES))("TSDoc on every export of %s", (name) => {
  const source = program.getSourceFile(files[name] ?? "");
  if (!source) throw new Error(`no entry ${name}`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error("no module symbol");
  const exports = checker.getExportsOfModule(moduleSymbol);

  it("exports something", () => {
    expect(exports.length).toBeGreaterThan(name === "credit-block" ? 30 : 0);
  });

  const missing: string[] = [];
  for (const exported of exports) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declaration = symbol.declarations?.[0];
    if (!declaration) continue;
    const isValue = (symbol.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Class | ts.SymbolFlags.Variable)) !== 0;
    const docs = ts.displayPartsToString(symbol.getDocumentationComment(checker));
    const tags = symbol.getJsDocTags(checker).map((t) => t.name);
    if (docs.trim() === "") missing.push(`${exported.name}: no TSDoc`);
    else if (isValue && !tags.includes("example") && !isConstantTable(declaration)) missing.push(`${exported.name}: no @example`);
  }

  it("documents each export (and each function, class and schema with an example)", () => {
    expect(missing).toEqual([]);
  });
});

/** Plain constant tables (lists of codes, limits) are documented but need no example. */
function isConstantTable(declaration: ts.Declaration): boolean {
  if (!ts.isVariableDeclaration(declaration) || !declaration.initializer) return false;
  let init: ts.Expression = declaration.initializer;
  while (ts.isAsExpression(init) || ts.isSatisfiesExpression(init)) init = init.expression;
  return ts.isArrayLiteralExpression(init) || ts.isObjectLiteralExpression(init) || ts.isStringLiteral(init) || ts.isNumericLiteral(init) || ts.isBinaryExpression(init);
}
