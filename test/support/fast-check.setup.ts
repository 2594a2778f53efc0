import fc from "fast-check";

// No property may run for ever: a slow counterexample being shrunk once held a CI run for
// minutes. After 45 s a property stops; a failure found so far is reported, and a property
// interrupted before reaching its run count fails instead of passing quietly.
fc.installGlobalPlugin(fc.interruptAfterTimeLimit(45_000, { failOnInterrupt: true }));
