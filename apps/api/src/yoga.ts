/**
 * Builds the GraphQL server (no socket): tests call `app.fetch`, index.ts listens.
 * Depth, cost, alias and token limits (graphql-armor), a request-size limit,
 * and masked unexpected errors; expected ones keep their code and message.
 */
import { EnvelopArmorPlugin } from "@escape.tech/graphql-armor";
import { GraphQLError, Kind, visit, type ASTNode, type DocumentNode, type ExecutionArgs, type TypeNode } from "graphql";
import { useGraphQlJit as compiledQueries } from "@envelop/graphql-jit";
import { createYoga, type Plugin, type YogaLogger } from "graphql-yoga";
import { createContext, type AppServices, type Context } from "./context.ts";
import { DomainError, isDatabaseUnavailable, RateLimitError } from "./errors.ts";
import { renderGraphiQLPage } from "./graphiql.ts";
import { describeViewer, requestScope, type Logger } from "./log.ts";
import { schema } from "./schema/index.ts";

/** JSON bodies above this are refused (a whole criteria set is ~60 KB); uploads have their own 10 MB limit per file. */
export const MAX_JSON_BYTES = 2 * 1024 * 1024;
export const MAX_MULTIPART_BYTES = 11 * 1024 * 1024;

/**
 * Brackets ({ ( [) nested deeper than this are refused before the query is parsed: graphql's
 * recursive-descent parser overflows the stack on a few thousand levels. Depth 12 (armor) needs ~15.
 */
export const MAX_NESTING = 64;

function clientError(
  message: string,
  messageEn: string,
  code: string,
  extra: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(`${message} / ${messageEn}`, { extensions: { code, messageEn, ...extra } });
}

/** The deepest bracket nesting in a query text, skipping strings, block strings and comments; stops counting past `limit`. */
export function bracketNesting(query: string, limit: number): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < query.length; i++) {
    const c = query[i];
    if (c === "#") {
      while (i < query.length && query[i] !== "\n" && query[i] !== "\r") i++;
    } else if (c === '"') {
      if (query.startsWith('"""', i)) {
        const end = query.indexOf('"""', i + 3);
        i = end < 0 ? query.length : end + 2;
      } else {
        for (i++; i < query.length && query[i] !== '"' && query[i] !== "\n"; i++) if (query[i] === "\\") i++;
      }
    } else if (c === "{" || c === "(" || c === "[") {
      if (++depth > max && (max = depth) > limit) return max;
    } else if (c === "}" || c === ")" || c === "]") {
      depth--;
    }
  }
  return max;
}

/** PostgreSQL text cannot hold NUL, and a lone UTF-16 surrogate is not Unicode: either would fail deep in the driver. */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function unstorableIn(value: unknown, path: string): string | null {
  if (typeof value === "string") return UNSTORABLE.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorableIn(value[i], `${path}[${i}]`);
      if (found) return found;
    }
  } else if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [k, v] of Object.entries(value)) {
      const found = unstorableIn(v, `${path}.${k}`);
      if (found) return found;
    }
  }
  return null;
}

/** The argument (or variable default) whose literal string holds an unstorable character. */
function unstorableLiteral(document: DocumentNode): string | null {
  let found: string | null = null;
  visit(document, {
    StringValue(node, _key, parent, _path, ancestors) {
      if (found || !UNSTORABLE.test(node.value)) return;
      const owner = [...ancestors, parent]
        .reverse()
        .find(
          (a): a is ASTNode =>
            !Array.isArray(a) &&
            (a as ASTNode).kind !== undefined &&
            ((a as ASTNode).kind === Kind.ARGUMENT || (a as ASTNode).kind === Kind.VARIABLE_DEFINITION),
        );
      found =
        owner?.kind === Kind.ARGUMENT
          ? owner.name.value
          : owner?.kind === Kind.VARIABLE_DEFINITION
            ? `$${owner.variable.name.value}`
            : "?";
    },
  });
  return found;
}

/** graphql-armor's rejections, coded (they all say "Syntax Error: …" otherwise). */
function armorReject(code: string, vi: string, en: string) {
  return [
    (_ctx: unknown, error: GraphQLError) => {
      const detail = error.message.replace(/^Syntax Error: /, "");
      error.message = `${vi} / ${en} (${detail})`;
      Object.assign(error.extensions, { code, messageEn: `${en} (${detail})` });
    },
  ];
}

function findDomainError(e: unknown): DomainError | null {
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur; i++) {
    if (cur instanceof DomainError) return cur;
    cur = (cur as { originalError?: unknown }).originalError;
  }
  return null;
}

export function createApp(services: AppServices, log: Logger) {
  const contexts = new WeakMap<Request, Context>();
  /** Errors maskError turned into coded client errors: yoga reports every replaced error to its logger, these are not news. */
  const expected = new WeakSet<object>();
  const yogaLogger: YogaLogger = {
    debug: (...args) => log.debug({ yoga: args.map(String) }, "yoga"),
    info: (...args) => log.info({ yoga: args.map(String) }, "yoga"),
    warn: (...args) => log.warn({ yoga: args.map(String) }, "yoga"),
    error: (...args) => {
      for (const e of args) {
        if (e && typeof e === "object" && expected.has(e)) continue;
        // Masked for the client, so the server keeps the whole story: the original error and its stack.
        const original = (e as { originalError?: unknown })?.originalError ?? e;
        log.error({ err: original, path: (e as GraphQLError)?.path }, "masked error");
      }
    },
  };

  const nestingPlugin: Plugin = {
    onParams({ params, setResult }) {
      if (typeof params.query === "string" && bracketNesting(params.query, MAX_NESTING) > MAX_NESTING) {
        setResult({
          errors: [
            clientError(
              `Truy vấn lồng quá sâu (tối đa ${MAX_NESTING} mức ngoặc)`,
              `query nested too deep (at most ${MAX_NESTING} levels of brackets)`,
              "QUERY_TOO_DEEP",
            ),
          ],
        });
      }
      const scope = requestScope.getStore();
      if (scope && params.operationName) scope.operation = params.operationName;
    },
  };

  /** Every string the client sends, as a variable or a literal argument, checked once here for every field. */
  const storableStringsPlugin: Plugin = {
    onExecute({ args, setResultAndStopExecution }) {
      const scope = requestScope.getStore();
      if (scope && !scope.operation) {
        const op = (args.document as DocumentNode).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
        if (op?.name) scope.operation = op.name.value;
      }
      const variable = unstorableIn(args.variableValues ?? {}, "");
      const where = variable ? `$${variable.slice(1)}` : unstorableLiteral(args.document as DocumentNode);
      if (where) {
        setResultAndStopExecution({
          errors: [
            clientError(
              `${where}: chuỗi chứa ký tự không hợp lệ (NUL hoặc ký tự UTF-16 lẻ cặp)`,
              `${where}: the string holds an invalid character (NUL or a lone UTF-16 surrogate)`,
              "BAD_USER_INPUT",
              { argument: where },
            ),
          ],
        });
      }
    },
  };

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
          new fetchAPI.Response(
            JSON.stringify({
              errors: [{ message: "Yêu cầu quá lớn / request too large", extensions: { code: "PAYLOAD_TOO_LARGE" } }],
            }),
            {
              status: 413,
              headers: { "content-type": "application/json" },
            },
          ),
        );
      }
    },
  };

  const yoga = createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: "/graphql",
    graphiql: { title: "Bộ tiêu chí chuyển đổi số — GraphQL" },
    renderGraphiQL: renderGraphiQLPage,
    landingPage: false,
    cors: false,
    logging: yogaLogger,
    context: async ({ request }) => {
      const ctx = await createContext(services, request);
      contexts.set(request, ctx);
      const scope = requestScope.getStore();
      if (scope) scope.user = describeViewer(ctx.viewer);
      return ctx;
    },
    maskedErrors: {
      maskError(error, message) {
        const domain = findDomainError(error);
        if (domain) {
          expected.add(error as object);
          return new GraphQLError(domain.message, {
            extensions: {
              code: domain.code,
              messageEn: domain.messageEn,
              ...(domain instanceof RateLimitError ? { http: { status: 429 } } : {}),
            },
          });
        }
        if (error instanceof GraphQLError) {
          const original = error.originalError;
          if (!original) return error;
          // A variable the client sent that a scalar refused: the client's mistake, say so.
          if (original instanceof GraphQLError) {
            expected.add(error);
            return new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: "BAD_USER_INPUT" } });
          }
          if (/invalid global id/i.test(original.message)) {
            expected.add(error);
            return new GraphQLError("ID không hợp lệ / invalid global ID", {
              nodes: error.nodes,
              extensions: { code: "BAD_USER_INPUT" },
            });
          }
        }
        // Logged (with its stack) by yogaLogger.error, which yoga calls for every replaced error.
        if (isDatabaseUnavailable(error))
          // The database is restarting or unreachable: say so, and that the same request may be sent again.
          return new GraphQLError("Cơ sở dữ liệu tạm thời không truy cập được, vui lòng thử lại sau ít giây", {
            extensions: {
              code: "DATABASE_UNAVAILABLE",
              messageEn: "The database is unavailable just now, try again in a few seconds",
              http: { status: 503, headers: { "retry-after": "5" } },
            },
          });
        return new GraphQLError(message, { extensions: { code: "INTERNAL" } });
      },
    },
    plugins: [
      compiledQueries({}, { enableIf: compiledExecution }),
      sizeLimitPlugin,
      nestingPlugin,
      cookiesPlugin,
      storableStringsPlugin,
      EnvelopArmorPlugin({
        maxDepth: { n: 12, onReject: armorReject("QUERY_TOO_DEEP", "Truy vấn lồng quá sâu", "query too deep") },
        costLimit: {
          maxCost: 20_000,
          onReject: armorReject("QUERY_TOO_COMPLEX", "Truy vấn quá phức tạp", "query too complex"),
        },
        maxAliases: {
          n: 30,
          onReject: armorReject("TOO_MANY_ALIASES", "Truy vấn có quá nhiều bí danh (alias)", "too many aliases"),
        },
        maxTokens: { n: 5_000, onReject: armorReject("TOO_MANY_TOKENS", "Truy vấn quá dài", "too many tokens") },
        maxDirectives: {
          n: 50,
          onReject: armorReject("TOO_MANY_DIRECTIVES", "Truy vấn có quá nhiều directive", "too many directives"),
        },
        blockFieldSuggestion: { enabled: services.env.NODE_ENV === "production" },
      }),
    ],
  });
  return yoga;
}

const BUILT_IN_SCALARS = new Set(["String", "Int", "Float", "Boolean", "ID"]);
const namedType = (t: TypeNode): string => (t.kind === Kind.NAMED_TYPE ? t.name.value : namedType(t.type));

/**
 * Which operations run compiled (graphql-jit) rather than on graphql-js: queries whose variables are all built-in
 * scalars and whose arguments hold no object or list literal. Compiled, a national ranking (3,321 entries,
 * ~200,000 fields) is served in about two thirds of the time. Everything else stays on graphql-js: mutations; a
 * variable of one of our own scalars or input types (graphql-js's message for a bad value is the scalar's own,
 * "yyyy-mm-dd"; the compiled one is generic); a JSON literal (`values: {…}`), whose variables inside the compiler
 * would not see.
 */
function compiledExecution({ document, operationName }: ExecutionArgs): boolean {
  const ops = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const op = operationName ? ops.find((d) => d.name?.value === operationName) : ops.length === 1 ? ops[0] : undefined;
  if (!op || op.operation !== "query") return false;
  if (!(op.variableDefinitions ?? []).every((v) => BUILT_IN_SCALARS.has(namedType(v.type)))) return false;
  let literal = false;
  visit(document, {
    ObjectValue: () => {
      literal = true;
    },
    ListValue: () => {
      literal = true;
    },
  });
  return !literal;
}
