/**
 * `credit-block/pix/svg`: a BR Code as a QR code in SVG, for a screen or a receipt, drawn by the
 * small `uqr` library (an optional peer dependency: `npm i uqr`). A separate entry so that the
 * payload itself (`credit-block/pix`) never names `uqr`: a bundler building a POS screen that
 * only shows the "copia e cola" text never looks for it, and nothing is loaded at run time that
 * the page does not draw.
 *
 * The QR code: byte mode, error correction level M by default (15% of the symbol may be lost,
 * enough for a thermal receipt), a quiet zone of 4 modules (ISO/IEC 18004:2015 §6.3.8). The BCB
 * "Manual de Padrões para Iniciação do Pix" (Anexo I) asks only that the QR code carry the
 * payload as its text.
 * @module pix/svg
 */
import { parsePixPayload } from "credit-block/pix";
import { renderSVG } from "uqr";

/** How the QR code is drawn. */
export interface PixSvgOptions {
  /** Error correction level: L 7%, M 15% (default), Q 25%, H 30% of the symbol recoverable. */
  readonly ecc?: "L" | "M" | "Q" | "H";
  /** Modules of blank margin around the symbol; default 4 (the standard's quiet zone). */
  readonly border?: number;
  /** SVG units per module; default 10. */
  readonly pixelSize?: number;
  /** Colour of the dark modules; default `black`. */
  readonly blackColor?: string;
  /** Colour of the light modules and the margin; default `white`. */
  readonly whiteColor?: string;
}

/**
 * The QR code of a BR Code, as an SVG document (a string). The payload is verified first with
 * `parsePixPayload` (its CRC, fields and limits), so a text that a bank app would refuse never
 * becomes a QR code: that is a CreditBlockError at `payload.<field>`.
 *
 * @example
 * ```ts
 * import { pixPayload } from "credit-block/pix";
 * import { pixSvg } from "credit-block/pix/svg";
 *
 * const svg = pixSvg(pixPayload({ key: "+5561912345678", name: "Loja do Zé", city: "Brasília", amount: "152.37" }));
 * svg.startsWith("<svg"); // true
 * ```
 */
export function pixSvg(payload: string, options: PixSvgOptions = {}): string {
  parsePixPayload(payload);
  return renderSVG(payload.trim(), {
    ecc: options.ecc ?? "M",
    border: options.border ?? 4,
    pixelSize: options.pixelSize ?? 10,
    ...(options.blackColor !== undefined ? { blackColor: options.blackColor } : {}),
    ...(options.whiteColor !== undefined ? { whiteColor: options.whiteColor } : {}),
  });
}
