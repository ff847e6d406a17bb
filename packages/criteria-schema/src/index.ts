export * from "./limits.ts";
export * from "./schema.ts";
export * from "./validate.ts";
export * from "./json-schema.ts";
export * from "./national/index.ts";
export * from "./targets.ts";
export * from "./text.ts";
