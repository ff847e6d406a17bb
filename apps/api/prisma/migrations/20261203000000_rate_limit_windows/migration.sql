-- The API-key rate limiter leaves process memory: one fixed window per key in the database, counted by one atomic
-- INSERT … ON CONFLICT DO UPDATE, so any number of API processes share the limit (services/rate-limit.ts).
CREATE TABLE "RateLimitWindow" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "RateLimitWindow_pkey" PRIMARY KEY ("key")
);
