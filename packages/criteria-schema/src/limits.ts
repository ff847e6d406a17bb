/** Constants of the language that the engine needs without loading the zod schemas (kept out of browser bundles). */
export const SCHEMA_VERSION = 1 as const;

/** Upper bound for counts, numerators and denominators: keeps exact integer arithmetic inside 2^53. */
export const MAX_COUNT = 1_000_000_000_000;
