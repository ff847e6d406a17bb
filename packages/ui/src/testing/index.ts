/** Test helpers for the component tests of both apps (`@cds/ui/testing`); never imported by production code. */
export * from "./mock-api.ts";
export * from "./render.tsx";
export * from "./users.ts";
