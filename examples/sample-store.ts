/** The fictional store behind the demo and the examples (examples/data/store.json). */
export { loadSampleStore, type SampleStore } from "../src/adapters/cli/demo.js";
