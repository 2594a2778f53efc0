/**
 * `credit-block/pix`: the static Pix BR Code ("Pix copia e cola") a customer pays on the spot,
 * built and read exactly and offline, by the BCB "Manual de Padrões para Iniciação do Pix"
 * (Regulamento Pix, Anexo I; https://www.bcb.gov.br/estabilidadefinanceira/pix) and the EMV®
 * QRCPS-MPM syntax it adopts. No dependency beyond the core: the QR code image is
 * `credit-block/pix/svg`.
 * @module pix
 */
export { crc16 } from "./crc16.js";
export { pixEncoder, pixForAmount, type PixCharge } from "./forAmount.js";
export { pixKey, type PixKey, type PixKeyKind } from "./key.js";
export { parsePixPayload } from "./parse.js";
export { pixPayload, type PixPayloadFields, type PixPayloadInput, type PixReceiver } from "./payload.js";
export { txidFor } from "./txid.js";
