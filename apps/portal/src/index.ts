// The portal is not built yet (issue 5). This workspace exists so the
// monorepo's task graph, type checks and lint already cover it.
export {};
