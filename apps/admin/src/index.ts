// The admin web app is not built yet (issue 4). This workspace exists so the
// monorepo's task graph, type checks and lint already cover it.
export {};
