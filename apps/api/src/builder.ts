/** The Pothos schema builder, and nothing else (types live in schema/). */
import SchemaBuilder from "@pothos/core";
import ErrorsPlugin from "@pothos/plugin-errors";
import PrismaPlugin from "@pothos/plugin-prisma";
import RelayPlugin from "@pothos/plugin-relay";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import ValidationPlugin from "@pothos/plugin-validation";
import type { Context } from "./context.ts";
import { EXPECTED_ERRORS, InputError, UnauthenticatedError } from "./errors.ts";
import { decodeGlobalId, RAW_ID } from "./schema/ids.ts";
import type PrismaTypes from "./generated/pothos-types.ts";
import { getDatamodel } from "./generated/pothos-types.ts";
import { nodeRowById, orNull, visibleNode } from "./services/visibility.ts";

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: { signedIn: boolean };
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    /** A calendar date, yyyy-mm-dd. */
    Date: { Input: string; Output: Date | string };
    JSON: { Input: unknown; Output: unknown };
    File: { Input: File; Output: never };
  };
}>({
  plugins: [ScopeAuthPlugin, ErrorsPlugin, ValidationPlugin, PrismaPlugin, RelayPlugin],
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
  scopeAuth: {
    authScopes: (ctx) => ({ signedIn: ctx.viewer.kind === "user" }),
    // A refusal says why, in Vietnamese and English, through the same error mapping as everything else.
    unauthorizedError: () => new UnauthenticatedError(),
  },
  errors: {
    defaultTypes: [...EXPECTED_ERRORS],
  },
  prisma: {
    // Per request, so tests and benchmarks can run several databases in one process.
    client: (ctx) => ctx.prisma,
    dmmf: getDatamodel(),
    filterConnectionTotalCount: true,
    onUnusedQuery: null,
  },
  relay: {
    clientMutationId: "omit",
    cursorType: "String",
    // Every id argument is parsed here once (`t.arg.globalID()`); see schema/ids.ts.
    decodeGlobalID: (globalID) => decodeGlobalId(globalID),
    // node(id) and nodes(ids) load any row by id: each object passes the same read rule as its own query.
    nodeQueryOptions: {
      resolve: async (_root, { id }, ctx, _info, resolveNode) => {
        if (id.typename === RAW_ID) throw new InputError([invalidNodeId("id")]);
        return visibleNode(ctx, id.typename, await orNull(resolveNode(id)));
      },
    },
    // At most LIST_ARG_MAX["Query.nodes.ids"] ids (checked in schema/index.ts).
    nodesQueryOptions: {
      resolve: async (_root, { ids }, ctx, _info, resolveNodes) => {
        if (ids.some((id) => id.typename === RAW_ID)) throw new InputError([invalidNodeId("ids")]);
        // Prisma loads each id "or throw": when one row is missing the batch fails whole, so the ids
        // are then read one by one, and a missing row is null.
        const nodes = await resolveNodes(ids).catch(async (e: unknown) => {
          if ((e as { code?: unknown }).code !== "P2025") throw e;
          return Promise.all(ids.map((id) => nodeRowById(ctx, id.typename, id.id)));
        });
        return Promise.all(nodes.map((n, i) => visibleNode(ctx, ids[i]!.typename, n)));
      },
    },
  },
});

function invalidNodeId(field: string) {
  return { field, message: "Mã định danh (global id) không hợp lệ", messageEn: "Invalid global ID" };
}
