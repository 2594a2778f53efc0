import { defineConfig } from "tsup";

export default defineConfig([
  {
    entry: { index: "src/index.ts", http: "src/adapters/http/index.ts", node: "src/adapters/node/index.ts", nfce: "src/adapters/nfce/index.ts", zod: "src/adapters/zod/index.ts", express: "src/adapters/express/index.ts", "json-schema": "src/json-schema/index.ts", source: "src/adapters/source/index.ts", pix: "src/pix/index.ts", "pix/svg": "src/pix/svg.ts", boleto: "src/boleto/index.ts" },
    // Adapters import the public core by name, so every entry shares one core (one CreditBlockError class).
    // `uqr` (an optional peer) stays an import of credit-block/pix/svg alone.
    external: ["credit-block", /^node:/, "uqr"],
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: false,
    target: "es2022",
    platform: "neutral",
    // Keep `node:` specifiers (Node ≥ 20, Deno and Bun all read them; bare "stream" is ambiguous).
    removeNodeProtocol: false,
    treeshake: true,
    splitting: false,
  },
  {
    // The `credit-block` command (ESM: it uses top-level await).
    entry: { cli: "src/adapters/cli/bin.ts", replayWorker: "src/adapters/cli/replay/worker.ts" },
    // Optional peers stay imports: the command says which to install when one is missing.
    external: ["credit-block", "date-fns", "pg", "@electric-sql/pglite", "csv-parse", "cli-progress", "tinypool"],
    format: ["esm"],
    banner: { js: "#!/usr/bin/env node" },
    sourcemap: true,
    clean: false,
    target: "es2022",
    platform: "node",
    removeNodeProtocol: false,
  },
]);
