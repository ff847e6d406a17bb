/**
 * Imported first by every benchmark: NODE_ENV is "production" before graphql and the platform are loaded (as
 * `pnpm start` sets it), so graphql-js runs its production checks, not the development ones it picks at load.
 */
process.env.NODE_ENV ??= "production";
