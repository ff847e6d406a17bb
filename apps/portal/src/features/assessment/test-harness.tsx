/** The assessment page as the component tests render it (the API and uploads are stubbed with @cds/ui/testing). */
import { renderWithProviders } from "@cds/ui/testing";
import { catalogs } from "../../messages.ts";
import { AssessmentPage } from "./AssessmentPage.tsx";
import { me } from "./test-fixtures.ts";

export const renderAssessmentPage = () => renderWithProviders(<AssessmentPage me={me} assessmentId="A1" />, catalogs);
