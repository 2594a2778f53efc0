/**
 * `credit-block/boleto`: reading the boletos customers bring to the collection desk, exactly and
 * offline: a bank boleto's linha digitável or barcode (FEBRABAN; Banco Central, Carta-Circular
 * nº 2.926/2000), with its due date from the due-date factor across the 2025-02-22 restart, and
 * arrecadação slips (FEBRABAN, Layout Padrão de Arrecadação/Recebimento v04).
 * @module boleto
 */
export { COLLECTION_SEGMENTS } from "./collection.js";
export { dueDateOfFactor } from "./factor.js";
export { parseBoleto, type ParseBoletoOptions } from "./parse.js";
export type { BoletoReading } from "./reading.js";
