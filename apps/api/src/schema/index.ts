// Imports only: each file adds its types and fields to the builder.
import "./scalars.ts";
import "./errors.ts";
import "./enums.ts";
import "./types/viewer.ts";
import "./types/unit.ts";
import "./types/deadline.ts";
import "./types/evaluation.ts";
import "./types/score.ts";
import "./types/set-diff.ts";
import "./types/criteria-set.ts";
import "./types/round.ts";
import "./types/assessment.ts";
import "./types/evidence.ts";
import "./types/assessment-workflow.ts";
import "./types/summary.ts";
import "./types/impact.ts";
import "./types/report.ts";
import "./types/api-key.ts";
import "./types/values-import.ts";
import "./types/rebase.ts";
import "./types/carry-forward.ts";
import "./types/notification.ts";
import "./types/accounts.ts";
import { getNullableType, isInputObjectType, isListType, type GraphQLInputType, type GraphQLSchema } from "graphql";
import { builder } from "../builder.ts";
import { ArgumentError } from "../errors.ts";
import { LIST_ARG_MAX } from "./limits.ts";

builder.queryType({});
builder.mutationType({});

/** The list arguments within an argument of `type`, as keys of LIST_ARG_MAX ("Query.nodes.ids"). */
function listKeys(type: GraphQLInputType, key: string, seen: string[] = []): string[] {
  const t = getNullableType(type);
  if (isListType(t)) return [key, ...listKeys(t.ofType, key, seen)];
  if (!isInputObjectType(t) || seen.includes(t.name)) return [];
  return Object.values(t.getFields()).flatMap((f) => listKeys(f.type, `${key}.${f.name}`, [...seen, t.name]));
}

/** Refuses any list over its maximum, however deep in the argument, before the resolver runs. */
function checkLists(value: unknown, type: GraphQLInputType, key: string): void {
  if (value === null || value === undefined) return;
  const t = getNullableType(type);
  if (isListType(t)) {
    const max = LIST_ARG_MAX[key as keyof typeof LIST_ARG_MAX];
    const list = value as unknown[];
    if (list.length > max)
      throw new ArgumentError(key.split(".").slice(2).join("."), `tối đa ${max} phần tử`, `at most ${max} items`);
    for (const item of list) checkLists(item, t.ofType, key);
  } else if (isInputObjectType(t)) {
    for (const f of Object.values(t.getFields()))
      checkLists((value as Record<string, unknown>)[f.name], f.type, `${key}.${f.name}`);
  }
}

/** Every list argument is bounded (schema/limits.ts): one without a maximum stops the build. */
function boundListArguments(s: GraphQLSchema): GraphQLSchema {
  for (const root of [s.getQueryType()!, s.getMutationType()!]) {
    for (const field of Object.values(root.getFields())) {
      const keys = field.args.flatMap((a) => listKeys(a.type, `${root.name}.${field.name}.${a.name}`));
      if (keys.length === 0) continue;
      const missing = keys.filter((k) => !(k in LIST_ARG_MAX));
      if (missing.length > 0)
        throw new Error(`List arguments without a maximum in schema/limits.ts: ${missing.join(", ")}`);
      const resolve = field.resolve!;
      field.resolve = (source, args: Record<string, unknown>, ctx, info) => {
        for (const a of field.args) checkLists(args[a.name], a.type, `${root.name}.${field.name}.${a.name}`);
        return resolve(source, args, ctx, info);
      };
    }
  }
  return s;
}

export const schema = boundListArguments(builder.toSchema({ sortSchema: true }));
