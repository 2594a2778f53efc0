/** Writes policy.schema.json (shipped in the package) from the zod schema. Run by `npm run build`. */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { policyJsonSchema } from "../src/json-schema/index.js";

const out = fileURLToPath(new URL("../policy.schema.json", import.meta.url));
writeFileSync(out, `${JSON.stringify(policyJsonSchema(), null, 2)}\n`);
console.log(`wrote ${out}`);
