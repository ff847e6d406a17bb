import { lazy, Suspense } from "react";
import { Spinner, type Me } from "@cds/ui";

// The editor carries the evaluation engine; public visitors never download it.
const AssessmentWorkspace = lazy(() => import("./AssessmentWorkspace.tsx").then((m) => ({ default: m.AssessmentWorkspace })));

export function AssessmentPage({ me, assessmentId }: { me: Me; assessmentId: string }) {
  return (
    <Suspense fallback={<Spinner />}>
      <AssessmentWorkspace me={me} assessmentId={assessmentId} />
    </Suspense>
  );
}
