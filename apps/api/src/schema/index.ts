// Imports only: each file adds its types and fields to the builder.
import "./scalars.ts";
import "./errors.ts";
import "./enums.ts";
import "./viewer.ts";
import "./unit.ts";
import "./criteria-set.ts";
import "./assessment.ts";
import "./summary.ts";
import { builder } from "../builder.ts";

builder.queryType({});
builder.mutationType({});

export const schema = builder.toSchema({ sortSchema: true });
