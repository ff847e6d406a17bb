import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "./graphql.ts";

/** One query client per app: no retry on what the API refused, a short retry on network loss. */
export function createQueryClient(opts: { test?: boolean } = {}): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: opts.test ? false : (count, e) => e instanceof ApiError && e.code === "NETWORK" && count < 2,
      },
      mutations: { retry: false },
    },
  });
}
