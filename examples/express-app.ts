/**
 * An Express app that mounts the credit-block routes next to its own. Run with
 * `npx tsx examples/express-app.ts`, then `POST http://127.0.0.1:3000/credit/v1/decide`.
 */
import express from "express";
import { fileURLToPath } from "node:url";
import { presets } from "credit-block";
import { creditBlockMiddleware } from "credit-block/express";
import { createHandler } from "credit-block/http";

export function createApp(): express.Express {
  const app = express();
  app.use(express.json({ limit: "1mb" }));
  app.get("/", (_req, res) => { res.send("loja"); });
  app.use("/credit", creditBlockMiddleware(createHandler({ policy: presets.blockCreditWhenOverdue({ graceDays: 5 }) })));
  return app;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  createApp().listen(3000, "127.0.0.1", () => { console.log("http://127.0.0.1:3000/credit/v1/health"); });
}
