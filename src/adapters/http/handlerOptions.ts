/**
 * The options of `createHandler` and the handler it returns (re-exported by `credit-block/http`).
 * @internal
 */
import type { CreditGate, CustomerInput, Encoders, Policy, PolicyDocument, ReceivableInput } from "credit-block";

/** Options of {@link createHandler}. */
export interface HandlerOptions {
  /** The credit policy (validated and compiled once) or an already compiled gate. */
  readonly policy?: PolicyDocument | Policy;
  readonly gate?: CreditGate;
  /**
   * What the gate and the payoff route encode with: `{ pix: pixEncoder }` (from `credit-block/pix`)
   * when the policy names the store's Pix receiver, so `regularize.pix` carries the Pix copia e
   * cola (and a payoff request's `options.pix` is answered). Used again on every reload.
   */
  readonly encoders?: Encoders;
  /**
   * Draws a BR Code's QR code as SVG (`pixSvg` of `credit-block/pix/svg`, which verifies the payload
   * first): given, `POST /v1/pix/svg` with `{ "payload": "000201…" }` answers `{ "svg": "<svg…" }`,
   * for a POS screen or a receipt printer that shows the Pix of `regularize.pix.payload`.
   */
  readonly pixSvg?: (payload: string) => string;
  /** IANA zone that turns the clock into `asOf` when a request omits it; default `America/Sao_Paulo`. */
  readonly timeZone?: string;
  /** Largest accepted body in bytes, 1 to 2³⁰; default 1 MiB. */
  readonly maxBodyBytes?: number;
  /**
   * The language of problem details (`title`, `detail`, the issues' `message`) when a request
   * sends no `Accept-Language`: `"en"` (default) or `"pt-BR"`. A request that sends one is
   * answered in Portuguese when it prefers any `pt` (`pt-BR`, `pt`, `pt-PT`), else in English.
   * Problems carry `Content-Language` and `Vary: Accept-Language`; answers that are not
   * problems are the same in every language (a decision's messages follow the policy's locale).
   */
  readonly locale?: "en" | "pt-BR";
  /** The clock, for tests; default `() => new Date()`. Adapters read the clock, the core never does. */
  readonly now?: () => Date;
  /**
   * The POS's own database (e.g. `connectSource` of `credit-block/source`): a `POST /v1/decide`
   * body with `customerId` (instead of `customer` and `receivables`) is completed by this hook,
   * whenever a deny or review rule of the policy could reach one of the sale's tenders. It
   * returns the customer (whose `id` must be the one asked for) and the receivables: `[]` is
   * "no debts"; anything else (a throw, a timeout past `loadTimeoutMs`, a missing list, another
   * customer, rows that are not valid) is "data missing", and the answer still comes
   * (fail-safe): credit tenders get `failSafeAction`, sales paid at once are allowed, and the
   * reason says the data source was unavailable (see `onLoadError` for why).
   */
  readonly loadCustomer?: (customerId: string, signal: AbortSignal) => Promise<{ readonly customer: CustomerInput; readonly receivables: readonly ReceivableInput[] }>;
  /**
   * What `GET /v1/ready` checks beyond the policy: resolves (with the round trip in ms, if it
   * knows it) when the data source answers, rejects when it does not (503). At most
   * `loadTimeoutMs` is waited.
   */
  readonly checkReady?: (signal: AbortSignal) => Promise<unknown>;
  /** Default 800 ms: a checkout cannot wait longer (at most 60,000). */
  readonly loadTimeoutMs?: number;
  /** What credit tenders get when the data source is down; default `review`. */
  readonly failSafeAction?: "review" | "deny";
  /**
   * Told why each fail-safe answer was given: the hook's error, the timeout, or the
   * `CreditBlockError` of data it returned that is not a valid customer and receivables. For
   * monitoring: the POS sees only that the data source was unavailable.
   */
  readonly onLoadError?: (error: unknown, customerId: string) => void;
}

/** The handler, with a way to swap the policy while serving (SIGHUP reload). */
export interface CreditBlockHandler {
  (request: Request): Promise<Response>;
  /** Validates and compiles a new policy; on error the old one keeps serving and the error is thrown. */
  reload(policy: PolicyDocument | Policy): void;
  /** The policy in use. */
  readonly policy: Policy;
  /** The language of problem details for a request without `Accept-Language` (the `locale` option). */
  readonly locale: "en" | "pt-BR";
}
