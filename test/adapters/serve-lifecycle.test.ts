import { describe, expect, it } from "vitest";
import { Agent, request } from "node:http";
import { createServer } from "node:net";
import { presets } from "credit-block";
import { createHandler } from "credit-block/http";
import { serve, ServeError } from "credit-block/node";
import { listenError } from "../../src/adapters/node/errors.js";

/**
 * Issue #15 item 8, server side: start-up failures reject with one clear line and leave nothing
 * behind; stopping drains requests in flight until a deadline, then cuts what is left.
 */
const handler = createHandler({ policy: presets.blockCreditWhenOverdue() });
const SIGNALS = ["SIGTERM", "SIGINT", "SIGHUP"] as const;
const listeners = () => SIGNALS.map((s) => process.listenerCount(s));

/** A handler whose `/slow` answers after `ms`, and tells when a request has reached it. */
function slowHandler(ms: number) {
  let entered = 0;
  const fn = async (req: Request): Promise<Response> => {
    entered++;
    if (new URL(req.url).pathname === "/slow") await new Promise((r) => setTimeout(r, ms));
    return new Response("done");
  };
  return { fn, entered: () => entered };
}

function get(url: string, agent?: Agent): Promise<{ status: number; body: string; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    request(url, { agent }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString("utf8")));
      res.on("end", () => { resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }); });
    }).on("error", reject).end();
  });
}

async function until(probe: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe("stopping: drain with a deadline", () => {
  it("lets a request in flight finish, then resolves without waiting for the deadline", async () => {
    const logs: string[] = [];
    const slow = slowHandler(200);
    const running = await serve({ handler: slow.fn, port: 0, signals: false, log: (l) => logs.push(l), drainTimeoutMs: 5_000 });
    const agent = new Agent({ keepAlive: true });
    const answer = get(`${running.url}/slow`, agent);
    await until(() => slow.entered() === 1);
    const started = Date.now();
    const closed = running.close();
    expect(running.close()).toBe(closed); // once
    expect(await answer).toMatchObject({ status: 200, body: "done", connection: "close" }); // not kept alive to be cut
    await closed;
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(JSON.parse(logs.at(-1) ?? "{}")).toMatchObject({ event: "stopped", cut: 0 });
    expect(running.server.listening).toBe(false);
    agent.destroy();
  });

  it("closes idle keep-alive connections at once", async () => {
    const running = await serve({ handler, port: 0, signals: false, log: () => undefined, drainTimeoutMs: 10_000 });
    const agent = new Agent({ keepAlive: true });
    expect((await get(`${running.url}/v1/health`, agent)).status).toBe(200);
    const started = Date.now();
    await running.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    agent.destroy();
  });

  it("cuts what is still running at the deadline, resolves by then, and logs how many were cut", async () => {
    const logs: string[] = [];
    const slow = slowHandler(30_000);
    const running = await serve({ handler: slow.fn, port: 0, signals: false, log: (l) => logs.push(l), drainTimeoutMs: 300 });
    const answers = [get(`${running.url}/slow`).catch((e: unknown) => e), get(`${running.url}/slow`).catch((e: unknown) => e)];
    await until(() => slow.entered() === 2);
    const started = Date.now();
    await running.close();
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(280);
    expect(took).toBeLessThan(1_500);
    for (const a of await Promise.all(answers)) expect((a as NodeJS.ErrnoException).code).toBe("ECONNRESET");
    const events = logs.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events.find((e) => e.event === "stopping")).toMatchObject({ connections: 2, drainTimeoutMs: 300 });
    expect(events.at(-1)).toMatchObject({ event: "stopped", cut: 2 });
    expect(events.filter((e) => e.event === "request").map((e) => [e.status, e.aborted])).toEqual([[null, true], [null, true]]);
  });

  it("refuses new connections once stopping", async () => {
    const slow = slowHandler(400);
    const running = await serve({ handler: slow.fn, port: 0, signals: false, log: () => undefined, drainTimeoutMs: 2_000 });
    const inFlight = get(`${running.url}/slow`);
    await until(() => slow.entered() === 1);
    const closed = running.close();
    await expect(get(`${running.url}/v1/health`)).rejects.toMatchObject({ code: "ECONNREFUSED" });
    expect((await inFlight).status).toBe(200);
    await closed;
  });

  it("drainTimeoutMs is checked like every other option", async () => {
    const error = (await serve({ handler, port: 0, drainTimeoutMs: -1 }).catch((e: unknown) => e)) as { issues: { path: string; code: string }[] };
    expect(error.issues.map((i) => `${i.path}:${i.code}`)).toEqual(["options.drainTimeoutMs:too_small"]);
  });
});

describe("start-up failures", () => {
  it("a port in use rejects with ServeError EADDRINUSE in one line, leaving no server and no signal handler", async () => {
    const first = await serve({ handler, port: 0, signals: false, log: () => undefined });
    const port = Number(new URL(first.url).port);
    const before = listeners();
    const logs: string[] = [];
    const error = await serve({ handler, port, log: (l) => logs.push(l) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServeError);
    expect(error).toBeInstanceOf(Error);
    expect((error as ServeError).name).toBe("ServeError");
    expect((error as ServeError).code).toBe("EADDRINUSE");
    expect((error as ServeError).message).toBe(`port ${port} on 127.0.0.1 is already in use`);
    expect(((error as ServeError).cause as NodeJS.ErrnoException).code).toBe("EADDRINUSE");
    expect(listeners()).toEqual(before);
    expect(logs).toEqual([]); // it never said "listening"
    await first.close();
    // Nothing half-open holds the port: it can be taken again at once.
    const again = await serve({ handler, port, signals: false, log: () => undefined });
    expect(new URL(again.url).port).toBe(String(port));
    await again.close();
  });

  it("also when the port is held by another program", async () => {
    const other = createServer();
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
    const port = (other.address() as { port: number }).port;
    const before = listeners();
    const error = await serve({ handler, port }).catch((e: unknown) => e);
    expect((error as ServeError).code).toBe("EADDRINUSE");
    expect(listeners()).toEqual(before);
    await new Promise((resolve) => other.close(resolve));
  });

  it("an address that is not this machine's rejects with EADDRNOTAVAIL", async () => {
    const before = listeners();
    const error = await serve({ handler, port: 8787, host: "192.0.2.10", insecure: true, log: () => undefined }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServeError);
    expect((error as ServeError).code).toBe("EADDRNOTAVAIL");
    expect((error as ServeError).message).toBe("192.0.2.10 is not an address of this machine, cannot listen on port 8787");
    expect(listeners()).toEqual(before);
  });

  it.skipIf(process.getuid?.() === 0)("a privileged port without the right rejects with EACCES", async () => {
    const error = await serve({ handler, port: 80, log: () => undefined }).catch((e: unknown) => e);
    expect((error as ServeError).code).toBe("EACCES");
    expect((error as ServeError).message).toBe("no permission to listen on port 80 on 127.0.0.1 (ports below 1024 need administrator rights)");
  });

  it("words each listen failure for a service log", () => {
    const errno = (code: string) => Object.assign(new Error(`listen ${code}`), { code });
    expect(listenError(errno("EACCES"), "0.0.0.0", 443).message).toBe("no permission to listen on port 443 on 0.0.0.0 (ports below 1024 need administrator rights)");
    expect(listenError(errno("ENOTFOUND"), "pos.lan", 8787).message).toBe("the host name pos.lan cannot be resolved, cannot listen on port 8787");
    expect(listenError(errno("EMFILE"), "127.0.0.1", 8787)).toMatchObject({ code: "EMFILE", message: "cannot listen on port 8787 on 127.0.0.1: listen EMFILE" });
    expect(listenError("odd", "127.0.0.1", 1)).toMatchObject({ code: "LISTEN_FAILED" });
  });
});
