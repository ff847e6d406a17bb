/** The signed-in user's capabilities as tests fake `me`: nothing allowed unless the test says so. */
import type { Capabilities } from "../session.tsx";

export function capabilities(over: Partial<Capabilities> = {}): Capabilities {
  return {
    adminLanding: "/sets",
    portalLanding: "/",
    adminSections: ["SETS"],
    ownTenant: null,
    manageSets: false,
    readNational: false,
    decisionDocuments: false,
    minutesDocuments: false,
    ...over,
  };
}
