/**
 * Structured logs: one JSON object per line (pino), on stdout unless a test
 * passes its own stream. Each HTTP request runs inside a request scope
 * (AsyncLocalStorage) that the GraphQL layer fills in (who asked, which
 * operation); every line logged while it runs carries its request id.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { pino, type DestinationStream, type Logger } from "pino";
import type { Viewer } from "./services/access.ts";

export type { Logger };

export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

export function createLogger(opts: { level?: LogLevel; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: opts.level ?? "info",
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Lines logged inside a request say which request.
      mixin: () => {
        const scope = requestScope.getStore();
        return scope ? { reqId: scope.id } : {};
      },
    },
    opts.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

/** What the request log line says about one request; the GraphQL layer fills `user` and `operation`. */
export interface RequestScope {
  id: string;
  user: string;
  operation?: string;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();

/** A user by id, an API key by its id (never the key), or "anonymous". */
export function describeViewer(viewer: Viewer): string {
  if (viewer.kind === "user") return `user:${viewer.userId}`;
  if (viewer.kind === "apiKey") return `apiKey:${viewer.keyId}`;
  return "anonymous";
}
