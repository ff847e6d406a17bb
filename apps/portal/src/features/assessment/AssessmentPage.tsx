import { lazy, Suspense } from "react";
import { Spinner, type Me } from "@cds/ui";

// The editor carries the evaluation engine; public visitors never download it.
const AssessmentWorkspace = lazy(() =>
  import("./AssessmentWorkspace.tsx").then((m) => ({ default: m.AssessmentWorkspace })),
);

/** Reached only when signed in (App checks `me`); what the user may do comes from the API's allowedActions. */
export function AssessmentPage({ assessmentId }: { me: Me; assessmentId: string }) {
  return (
    <Suspense fallback={<Spinner />}>
      <AssessmentWorkspace assessmentId={assessmentId} />
    </Suspense>
  );
}
