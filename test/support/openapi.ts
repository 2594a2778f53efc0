/**
 * Checks answers against the OpenAPI document (`openApiDocument()`): the status is documented for
 * the operation, the content type is one it lists, the body matches its schema (ajv, draft
 * 2020-12, formats on), its required headers are there and every documented header that is
 * there matches. For a 2xx answer the request body must match the operation's request schema
 * too: a document stricter than the server is as wrong as one looser.
 */
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { expect } from "vitest";
import { openApiDocument } from "credit-block/json-schema";

// A CommonJS package seen from ESM: TypeScript puts its default export on `.default`.
const addFormats = (addFormatsModule as unknown as { default: (ajv: Ajv2020) => Ajv2020 }).default;

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === "object" && value !== null && !Array.isArray(value);

/** The document every check reads (one copy, built once). */
export const DOC = openApiDocument();
const BASE = "https://credit-block.dev/openapi.json";
const components = DOC.components as { schemas: Node; responses: Node; headers: Node };
const paths = DOC.paths as Record<string, Record<string, Node>>;

const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
addFormats(ajv);
ajv.addKeyword({ keyword: "components" });
ajv.addSchema({ $id: BASE, components: { schemas: components.schemas } });

/** Refs relative to the document made absolute, so ajv resolves them in the schema added above. */
function absolute(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(absolute);
  if (!isNode(node)) return node;
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === "$ref" && typeof v === "string" && v.startsWith("#") ? `${BASE}${v}` : absolute(v)]));
}

const validators = new Map<string, ReturnType<typeof ajv.compile>>();
/** Why `value` does not match `schema` (a schema object of the document), or [] when it does. */
export function schemaErrors(schema: unknown, value: unknown): string[] {
  const key = JSON.stringify(schema);
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(absolute(schema) as Node);
    validators.set(key, validate);
  }
  if (validate(value)) return [];
  return (validate.errors ?? []).slice(0, 10).map((e: ErrorObject) => `${e.instancePath || "(root)"} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
}

/** A `$ref` to a component followed (responses and headers), or the object itself. */
function follow(node: unknown): Node {
  if (!isNode(node)) return {};
  const target = node.$ref;
  if (typeof target !== "string") return node;
  const [, kind, name] = /^#\/components\/(\w+)\/(.+)$/.exec(target) ?? [];
  const found = (components as Record<string, Node | undefined>)[kind ?? ""]?.[name ?? ""];
  if (!isNode(found)) throw new Error(`unresolved ${target}`);
  return follow(found);
}

/** An answer as a test saw it: Fetch headers or a plain record with lower-case names. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers | Readonly<Record<string, string | null | undefined>>;
  readonly body: string;
}

const headerOf = (answer: Answer, name: string): string | null => {
  const headers = answer.headers;
  if (headers instanceof Headers) return headers.get(name);
  return headers[name.toLowerCase()] ?? null;
};

/** The documented path of a request target, as the handler routes it (trailing slashes off). */
export function routeOf(target: string): string {
  return new URL(target, "http://check").pathname.replace(/\/+$/, "");
}

/** Answers to requests no operation describes: an unknown route, or a method the route lacks. */
const UNROUTED: Readonly<Record<"path" | "method", Readonly<Record<number, string>>>> = {
  path: { 404: "NotFound", 401: "Unauthorized", 421: "MisdirectedRequest" },
  method: { 405: "MethodNotAllowed", 401: "Unauthorized", 421: "MisdirectedRequest" },
};

/** Which documented (operation, status) pairs the checks saw, e.g. `post /v1/decide 200`. */
export const seen = new Set<string>();

/**
 * Every way `answer` (to `method target`, sent with `requestBody`) differs from the document;
 * empty when it matches.
 */
export function openApiMismatches(method: string, target: string, answer: Answer, requestBody?: string): string[] {
  const m = method.toLowerCase();
  const path = routeOf(target);
  const at = `${method} ${path} → ${answer.status}`;
  const out: string[] = [];
  const item = Object.hasOwn(paths, path) ? paths[path] : undefined;
  const operation = item && Object.hasOwn(item, m) ? item[m] : undefined;
  let documented: unknown;
  if (operation) {
    const responses = operation.responses as Node;
    documented = responses[String(answer.status)] ?? responses[`${String(answer.status).charAt(0)}XX`] ?? responses.default;
    if (documented) seen.add(`${m} ${path} ${answer.status}`);
  } else {
    const name = (item ? UNROUTED.method : UNROUTED.path)[answer.status];
    documented = name === undefined ? undefined : components.responses[name];
    if (item && answer.status === 405) {
      const allowed = (headerOf(answer, "allow") ?? "").split(",").map((s) => s.trim().toLowerCase()).filter(Boolean);
      if (allowed.length === 0 || allowed.some((a) => !Object.hasOwn(item, a))) out.push(`${at}: Allow "${headerOf(answer, "allow") ?? ""}" is not the documented methods ${Object.keys(item).join(", ")}`);
    }
  }
  if (!documented) return [`${at}: status not documented${operation ? "" : item ? " for a method the path lacks" : " for an unknown path"}`];
  const response = follow(documented);

  for (const [name, declared] of Object.entries(isNode(response.headers) ? response.headers : {})) {
    const header = follow(declared);
    const value = headerOf(answer, name);
    if (value === null) {
      if (header.required === true) out.push(`${at}: required header ${name} missing`);
    } else if (header.schema !== undefined) {
      for (const e of schemaErrors(header.schema, value)) out.push(`${at}: header ${name}: ${e}`);
    }
  }

  const type = (headerOf(answer, "content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const content = isNode(response.content) ? response.content : undefined;
  if (m === "head") {
    if (answer.body !== "") out.push(`${at}: HEAD answered with a body`);
    if (content && type !== "" && !Object.hasOwn(content, type)) out.push(`${at}: content-type ${type} is not one of ${Object.keys(content).join(", ")}`);
  } else if (content) {
    const media = Object.hasOwn(content, type) ? (content[type] as Node) : undefined;
    if (!media) out.push(`${at}: content-type "${type}" is not one of ${Object.keys(content).join(", ")}`);
    else {
      let body: unknown;
      try {
        body = JSON.parse(answer.body);
      } catch {
        out.push(`${at}: body is not JSON: ${answer.body.slice(0, 80)}`);
      }
      if (body !== undefined) for (const e of schemaErrors(media.schema, body)) out.push(`${at}: body ${e}`);
    }
  } else if (answer.body !== "") out.push(`${at}: a body where the document lists none`);

  const requestSchema = (((operation?.requestBody as Node | undefined)?.content as Node | undefined)?.["application/json"] as Node | undefined)?.schema;
  if (answer.status >= 200 && answer.status < 300 && requestSchema !== undefined && requestBody !== undefined) {
    let sent: unknown;
    try {
      sent = JSON.parse(requestBody);
    } catch {
      out.push(`${at}: a 2xx answer to a body that is not JSON`);
    }
    if (sent !== undefined) for (const e of schemaErrors(requestSchema, sent)) out.push(`${at}: the request the server accepted breaks the request schema: ${e}`);
  }
  return out;
}

/** Fails the test when the answer does not match the document (see {@link openApiMismatches}). */
export function expectMatchesOpenApi(method: string, target: string, answer: Answer, requestBody?: string): void {
  expect(openApiMismatches(method, target, answer, requestBody)).toEqual([]);
}

/** Checks a Fetch answer (read from a clone, so the caller can still read it) and returns it. */
export async function checked(method: string, target: string, response: Response, requestBody?: string): Promise<Response> {
  expectMatchesOpenApi(method, target, { status: response.status, headers: response.headers, body: await response.clone().text() }, requestBody);
  return response;
}

/** A Fetch handler whose every answer is checked against the document. */
export function checkedHandler(handler: (request: Request) => Promise<Response>): (request: Request) => Promise<Response> {
  return async (request) => {
    const body = request.body === null ? undefined : await request.clone().text();
    return checked(request.method, request.url, await handler(request), body);
  };
}
