import { describe, expect, it } from "vitest";
import { presets } from "credit-block";
import { creditBlockMiddleware } from "credit-block/express";
import { createHandler } from "credit-block/http";
import { serve } from "credit-block/node";
import { errorOf } from "../support/expectError.js";

// An adapter's options are checked where they are given: every problem named by its option,
// as a CreditBlockError, instead of a limit that never applies or a 500 on every request.
const paths = (error: unknown) => {
  const e = error as { code?: string; issues?: { path: string; code: string }[] };
  expect(e.code).toBe("INVALID_INPUT");
  return (e.issues ?? []).map((i) => `${i.path}:${i.code}`);
};

describe("adapter options", () => {
  it("createHandler names each bad option", () => {
    expect(paths(errorOf(() => createHandler(null as never)))).toEqual(["options:invalid_type"]);
    expect(paths(errorOf(() => createHandler({
      timeZone: "Mars/Olympus_Mons", maxBodyBytes: "1mb" as never, now: 5 as never, loadCustomer: {} as never, loadTimeoutMs: 0, failSafeAction: "allow" as never, gate: {} as never, onLoadError: "log" as never,
    })))).toEqual([
      "options.gate:invalid_type", "options.timeZone:invalid_format", "options.maxBodyBytes:invalid_type", "options.now:invalid_type",
      "options.loadCustomer:invalid_type", "options.loadTimeoutMs:too_small", "options.failSafeAction:invalid_value", "options.onLoadError:invalid_type",
    ]);
    expect(paths(errorOf(() => createHandler({ maxBodyBytes: 1.5 })))).toEqual(["options.maxBodyBytes:not_integer"]);
    expect(paths(errorOf(() => createHandler({ timeZone: 3 as never })))).toEqual(["options.timeZone:invalid_format"]);
    expect(typeof createHandler({ policy: presets.blockCreditWhenOverdue(), timeZone: "America/Manaus", maxBodyBytes: 4096, loadTimeoutMs: 800, failSafeAction: "deny" })).toBe("function");
  });

  it("serve names each bad option, and starts nothing", async () => {
    expect(paths(await serve(null as never).catch((e: unknown) => e))).toEqual(["options:invalid_type"]);
    expect(paths(await serve({ handler: undefined as never, port: "8787" as never, host: 127 as never, requestTimeoutMs: -1, signals: "yes" as never, log: "stderr" as never }).catch((e: unknown) => e))).toEqual([
      "options.handler:required", "options.port:invalid_type", "options.host:invalid_type", "options.requestTimeoutMs:too_small", "options.log:invalid_type", "options.signals:invalid_type",
    ]);
    expect(paths(await serve({ handler: createHandler({}), port: 70_000 }).catch((e: unknown) => e))).toEqual(["options.port:too_big"]);
  });

  it("creditBlockMiddleware needs a handler", () => {
    expect(paths(errorOf(() => creditBlockMiddleware(null as never)))).toEqual(["handler:invalid_type"]);
  });
});
