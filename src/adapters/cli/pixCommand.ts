/**
 * `credit-block pix`: the static Pix BR Code ("copia e cola") for a key, a name, a city and
 * optionally an amount, printed on stdout; `--svg file` also writes its QR code (through the
 * optional peer `uqr`, loaded only then).
 * @module
 */
import { writeFileSync } from "node:fs";
import { pixPayload } from "credit-block/pix";

/** The flags `pix` reads. */
export interface PixFlags {
  readonly key?: string | undefined;
  readonly name?: string | undefined;
  readonly city?: string | undefined;
  readonly amount?: string | undefined;
  readonly txid?: string | undefined;
  readonly description?: string | undefined;
  readonly "postal-code"?: string | undefined;
  readonly svg?: string | undefined;
}

/** `--svg` without the optional package that draws the QR code. */
export class MissingQrLibrary extends Error {}

/**
 * Builds the payload (the library checks every flag and names the field), writes the SVG when
 * asked, and returns what to print: the payload and a line break.
 *
 * @example
 * ```ts
 * await runPix({ key: "+5561912345678", name: "Loja do Zé", city: "Brasília", amount: "152.37" });
 * ```
 */
export async function runPix(flags: PixFlags): Promise<string> {
  const payload = pixPayload({
    key: flags.key ?? "", name: flags.name ?? "", city: flags.city ?? "",
    ...(flags.amount !== undefined ? { amount: flags.amount } : {}), ...(flags.txid !== undefined ? { txid: flags.txid } : {}),
    ...(flags.description !== undefined ? { description: flags.description } : {}), ...(flags["postal-code"] !== undefined ? { postalCode: flags["postal-code"] } : {}),
  });
  if (flags.svg !== undefined) {
    let svg: typeof import("credit-block/pix/svg");
    try {
      svg = await import("credit-block/pix/svg");
    } catch (error) {
      const code = (error as { code?: string }).code;
      if ((code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") && (error as Error).message.includes("uqr")) {
        throw new MissingQrLibrary("--svg needs the optional package uqr, which draws the QR code: npm install uqr");
      }
      throw error;
    }
    writeFileSync(flags.svg, svg.pixSvg(payload));
  }
  return `${payload}\n`;
}
