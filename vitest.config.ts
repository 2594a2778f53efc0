import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * Test tiers (issue #17 item 6). `unit` (`npm run test:unit`): the fast in-process files, to run
 * while editing. `integration` (`npm run test:integration`): every file listed below, for one of
 * two reasons, measured (CPU time of each file's worker, see CONTRIBUTING.md):
 *
 * - PROCESS_LEVEL: the file leaves the vitest process or needs the machine: it spawns a process
 *   (the CLI from dist/ or through tsx, the examples, openssl, curl, python3), sends signals,
 *   puts a server under load, packs the package, drives Chromium, uses PostgreSQL (the global
 *   setup starts a server for this project only) or runs the README's snippets and transcripts.
 * - SLOW: in-process, but one file costs 6 s of CPU or more on the 2-vCPU VM (1000-run properties
 *   over month-long plans and collections, 10^5-row volumes, the fuzz sample, the OpenAPI
 *   conformance over the sample store, the TypeScript compiler). Together they would take
 *   `test:unit` past a minute; `npx vitest run test/negotiation` still runs a folder whole.
 *
 * A new file is a unit test unless it is listed here.
 */
export const PROCESS_LEVEL = [
  // built CLI (dist/cli.js) and real signals
  "test/adapters/cli-built.test.ts",
  "test/adapters/signals.test.ts",
  // the CLI as a child process (src through tsx, or dist when fresh)
  "test/adapters/cli.test.ts",
  "test/adapters/serve-cli.test.ts",
  "test/adapters/serve-pix.test.ts",
  "test/examples.test.ts",
  // servers under load, TLS certificates from openssl, the sidecar examples (curl, python3)
  "test/adapters/server-load.test.ts",
  "test/adapters/serve-tls.test.ts",
  "test/adapters/sidecar-examples.test.ts",
  // PostgreSQL (a real server from test/support/postgres.global.ts)
  "test/adapters/deployment.test.ts",
  "test/adapters/postgres-server.test.ts",
  "test/adapters/source.test.ts",
  "test/adapters/source-sidecar.test.ts",
  // the packed tarball and the ESM bundle in headless Chromium
  "test/package/**/*.test.ts",
  // the README: its TypeScript snippets type-checked, its transcripts run
  "test/docs-snippets.test.ts",
];

/** In-process files of 6 s of CPU or more each, as measured, busiest first. */
export const SLOW = [
  "test/engine/properties.test.ts",
  "test/negotiation/planCollection.cdc.test.ts",
  "test/negotiation/planInstallments.startDate.test.ts",
  "test/negotiation/planInstallments.test.ts",
  "test/adapters/openapi.test.ts",
  "test/adapters/cli-ledger-files.test.ts",
  "test/docs.test.ts",
  "test/negotiation/planCollection.test.ts",
  "test/errors/bounded.test.ts",
  "test/adapters/strictInput.test.ts",
  "test/money/exactTotals.property.test.ts",
  "test/fuzz/fuzz.test.ts",
  "test/money/allocate.property.test.ts",
];

/**
 * In-process files that mock a module (vi.mock("node:crypto")): the unit tier
 * shares module caches between files (isolate: false), so they run where each file is isolated.
 */
export const SPIES_ON_MODULES = ["test/adapters/serve-auth.test.ts"];

export const INTEGRATION = [...PROCESS_LEVEL, ...SLOW, ...SPIES_ON_MODULES];

export default defineConfig({
  resolve: {
    alias: [
      { find: /^credit-block\/http$/, replacement: fileURLToPath(new URL("./src/adapters/http/index.ts", import.meta.url)) },
      { find: /^credit-block\/node$/, replacement: fileURLToPath(new URL("./src/adapters/node/index.ts", import.meta.url)) },
      { find: /^credit-block\/nfce$/, replacement: fileURLToPath(new URL("./src/adapters/nfce/index.ts", import.meta.url)) },
      { find: /^credit-block\/zod$/, replacement: fileURLToPath(new URL("./src/adapters/zod/index.ts", import.meta.url)) },
      { find: /^credit-block\/express$/, replacement: fileURLToPath(new URL("./src/adapters/express/index.ts", import.meta.url)) },
      { find: /^credit-block\/source$/, replacement: fileURLToPath(new URL("./src/adapters/source/index.ts", import.meta.url)) },
      { find: /^credit-block\/pix$/, replacement: fileURLToPath(new URL("./src/pix/index.ts", import.meta.url)) },
      { find: /^credit-block\/pix\/svg$/, replacement: fileURLToPath(new URL("./src/pix/svg.ts", import.meta.url)) },
      { find: /^credit-block\/boleto$/, replacement: fileURLToPath(new URL("./src/boleto/index.ts", import.meta.url)) },
      { find: /^credit-block\/json-schema$/, replacement: fileURLToPath(new URL("./src/json-schema/index.ts", import.meta.url)) },
      { find: /^credit-block$/, replacement: fileURLToPath(new URL("./src/index.ts", import.meta.url)) },
    ],
  },
  test: {
    setupFiles: ["test/support/fast-check.setup.ts"],
    testTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: INTEGRATION,
          // In-process files share a worker's module cache: importing the library once per
          // worker instead of once per file is what keeps this tier under a minute.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: INTEGRATION,
          globalSetup: ["test/support/postgres.global.ts"],
        },
      },
    ],
  },
});
