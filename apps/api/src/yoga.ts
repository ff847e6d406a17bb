/**
 * Builds the GraphQL server (no socket): tests call `app.fetch`, index.ts listens.
 * Depth, cost, alias and token limits (graphql-armor), a request-size limit,
 * and masked unexpected errors; expected ones keep their code and message.
 */
import { EnvelopArmorPlugin } from "@escape.tech/graphql-armor";
import { GraphQLError } from "graphql";
import { createYoga, type Plugin } from "graphql-yoga";
import { createContext, type AppServices, type Context } from "./context.ts";
import { DomainError, RateLimitError } from "./errors.ts";
import { schema } from "./schema/index.ts";

/** JSON bodies above this are refused (a whole criteria set is ~60 KB); uploads have their own 10 MB limit per file. */
export const MAX_JSON_BYTES = 2 * 1024 * 1024;
export const MAX_MULTIPART_BYTES = 11 * 1024 * 1024;

function findDomainError(e: unknown): DomainError | null {
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur; i++) {
    if (cur instanceof DomainError) return cur;
    cur = (cur as { originalError?: unknown }).originalError;
  }
  return null;
}

export function createApp(services: AppServices) {
  const contexts = new WeakMap<Request, Context>();

  const cookiesPlugin: Plugin = {
    onResponse({ request, response }) {
      const ctx = contexts.get(request);
      for (const c of ctx?.setCookies ?? []) response.headers.append("set-cookie", c);
    },
  };

  const sizeLimitPlugin: Plugin = {
    onRequest({ request, endResponse, fetchAPI }) {
      const length = Number(request.headers.get("content-length") ?? 0);
      const multipart = (request.headers.get("content-type") ?? "").startsWith("multipart/");
      if (length > (multipart ? MAX_MULTIPART_BYTES : MAX_JSON_BYTES)) {
        endResponse(
          new fetchAPI.Response(JSON.stringify({ errors: [{ message: "Yêu cầu quá lớn / request too large", extensions: { code: "PAYLOAD_TOO_LARGE" } }] }), {
            status: 413,
            headers: { "content-type": "application/json" },
          }),
        );
      }
    },
  };

  const yoga = createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: "/graphql",
    graphiql: { title: "Bộ tiêu chí chuyển đổi số — GraphQL" },
    landingPage: false,
    cors: false,
    context: async ({ request }) => {
      const ctx = await createContext(services, request);
      contexts.set(request, ctx);
      return ctx;
    },
    maskedErrors: {
      maskError(error, message) {
        const domain = findDomainError(error);
        if (domain) {
          return new GraphQLError(domain.message, {
            extensions: { code: domain.code, messageEn: domain.messageEn, ...(domain instanceof RateLimitError ? { http: { status: 429 } } : {}) },
          });
        }
        if (error instanceof GraphQLError) {
          const original = error.originalError;
          if (!original) return error;
          // A variable the client sent that a scalar refused: the client's mistake, say so.
          if (original instanceof GraphQLError) {
            return new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: "BAD_USER_INPUT" } });
          }
          if (/invalid global id/i.test(original.message)) {
            return new GraphQLError("ID không hợp lệ / invalid global ID", { nodes: error.nodes, extensions: { code: "BAD_USER_INPUT" } });
          }
        }
        if (services.env.NODE_ENV !== "production") console.error(error);
        return new GraphQLError(message, { extensions: { code: "INTERNAL" } });
      },
    },
    plugins: [
      sizeLimitPlugin,
      cookiesPlugin,
      EnvelopArmorPlugin({
        maxDepth: { n: 12 },
        costLimit: { maxCost: 20_000 },
        maxAliases: { n: 30 },
        maxTokens: { n: 5_000 },
        blockFieldSuggestion: { enabled: services.env.NODE_ENV === "production" },
      }),
    ],
  });
  return yoga;
}
