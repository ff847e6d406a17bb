/**
 * The most items each list argument of the API takes ("Query.nodes.ids"): every list argument
 * of the schema must be here (the schema refuses to build otherwise, and a test checks the SDL).
 */
export const LIST_ARG_MAX = {
  "Query.nodes.ids": 100,
  "Query.assessments.status": 6,
  "Query.criterionPassRates.tenantIds": 100,
  "Query.compareProvinces.tenantIds": 4,
  "Mutation.returnAssessment.comments": 100,
  "Mutation.rebaseVersion.input.decisions": 500,
  "Mutation.carryForward.input.includeChanged": 500,
  "Mutation.markNotificationsRead.ids": 200,
  // A province of the old map had ~700 communes: an officer's file holds at most its units.
  "Mutation.importRoundValues.versions": 5000,
} as const satisfies Record<string, number>;
