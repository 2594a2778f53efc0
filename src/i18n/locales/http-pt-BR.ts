/**
 * Português do Brasil: os textos dos documentos de problema HTTP, uma entrada por chave de
 * `HTTP_PARAMS` em `src/i18n/keys.ts` (veja `src/i18n/http.ts`).
 */
import type { HttpCatalogue } from "../http.js";

const looks = { "utf-16": "; parece UTF-16", "latin-1": "; parece Latin-1 (ISO-8859-1 ou Windows-1252, como uma AnsiString do Delphi)", unknown: "" } as const;

export const httpPtBR = {
  locale: "pt-BR",
  texts: {
    "http.invalid_input.title": "Entrada inválida",
    "http.invalid_policy.title": "Política inválida",
    "http.invalid_input.detail": (p) => `${String(p.count)} problema(s) na requisição`,
    "http.bad_json.title": "JSON malformado",
    "http.bad_json.detail": (p) => `o corpo não é um JSON válido${p.position === undefined ? "" : ` (no caractere de posição ${String(p.position)})`}`,
    "http.bad_json.truncated": "o corpo termina antes do fim do valor JSON (foi cortado?)",
    "http.bad_json.empty": "o corpo está vazio: envie um objeto JSON",
    "http.not_utf8.title": "O corpo não está em UTF-8",
    "http.not_utf8.detail": (p) =>
      `o corpo não é UTF-8 válido (byte ${String(p.byte)} na posição ${String(p.offset)})${looks[p.looksLike]}; a requisição ${p.declared === undefined ? "não declarou charset" : `declarou charset=${String(p.declared)}`}. JSON é UTF-8 (RFC 8259 §8.1): envie o corpo codificado em UTF-8`,
    "http.too_large.title": "Corpo grande demais",
    "http.too_large.detail": (p) => `no máximo ${String(p.max)} bytes`,
    "http.media_type.title": "Envie JSON",
    "http.media_type.detail": "o content-type deve ser application/json",
    "http.charset.title": "Charset não suportado",
    "http.charset.detail": (p) => `o charset ${String(p.charset)} não é suportado: JSON é UTF-8 (RFC 8259 §8.1); envie o corpo codificado em UTF-8, como application/json; charset=utf-8`,
    "http.not_found.title": "Não encontrado",
    "http.not_found.detail": (p) => `não há rota ${String(p.path)}`,
    "http.method.title": "Método não permitido",
    "http.method.detail": (p) => `${String(p.method)} não é permitido nesta rota; use ${String(p.allow)}`,
    "http.internal.title": "Erro interno",
    "http.internal.detail": "um erro inesperado; veja o log do servidor",
    "http.incomplete.title": "Corpo incompleto",
    "http.incomplete.detail": "o corpo terminou antes de chegar inteiro (o cliente parou de enviar ou fechou a conexão)",
    "http.not_ready.title": "Não está pronto",
    "http.not_ready.detail": "a fonte de dados não responde: vendas a prazo são respondidas em modo de segurança (fail-safe)",
    "http.unauthorized.title": "Não autorizado",
    "http.unauthorized.missing": "envie Authorization: Bearer <token>",
    "http.unauthorized.invalid": "o token bearer não é válido",
    "http.misdirected.title": "Requisição mal direcionada",
    "http.misdirected.detail": "este servidor não responde por esse nome de Host (veja allowedHosts)",
    "http.bad_request.title": "Requisição inválida",
    "http.bad_target.detail": "o destino da requisição ou o cabeçalho Host não formam uma URL válida",
    "http.bad_http.detail": (p) => `a requisição não é HTTP/1.1 válido (${String(p.reason)})`,
    "http.timeout.title": "Tempo esgotado",
    "http.timeout.headers": (p) => `os cabeçalhos da requisição não chegaram em ${String(p.ms)} ms`,
    "http.timeout.request": (p) => `a requisição não chegou inteira em ${String(p.ms)} ms`,
    "http.version.title": "Versão HTTP não suportada",
    "http.version.detail": (p) => `HTTP/${String(p.version)} não é suportado: envie HTTP/1.1 (ou HTTP/1.0)`,
    "http.headers_too_large.title": "Cabeçalhos grandes demais",
    "http.headers_too_large.detail": (p) => `os cabeçalhos da requisição passam do limite do servidor, ${String(p.max)} bytes`,
  },
} as const satisfies HttpCatalogue;
