import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: [
      { find: /^credit-block\/http$/, replacement: fileURLToPath(new URL("./src/adapters/http/index.ts", import.meta.url)) },
      { find: /^credit-block\/node$/, replacement: fileURLToPath(new URL("./src/adapters/node/index.ts", import.meta.url)) },
      { find: /^credit-block\/nfce$/, replacement: fileURLToPath(new URL("./src/adapters/nfce/index.ts", import.meta.url)) },
      { find: /^credit-block\/zod$/, replacement: fileURLToPath(new URL("./src/adapters/zod/index.ts", import.meta.url)) },
      { find: /^credit-block\/express$/, replacement: fileURLToPath(new URL("./src/adapters/express/index.ts", import.meta.url)) },
      { find: /^credit-block\/source$/, replacement: fileURLToPath(new URL("./src/adapters/source/index.ts", import.meta.url)) },
      { find: /^credit-block\/json-schema$/, replacement: fileURLToPath(new URL("./src/json-schema/index.ts", import.meta.url)) },
      { find: /^credit-block$/, replacement: fileURLToPath(new URL("./src/index.ts", import.meta.url)) },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/support/fast-check.setup.ts"],
    globalSetup: ["test/support/postgres.global.ts"],
    testTimeout: 60_000,
  },
});
