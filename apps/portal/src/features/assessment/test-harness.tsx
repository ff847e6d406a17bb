/** The assessment page as the component tests render it, and the browser's upload channel they answer. */
import { QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import { vi } from "vitest";
import { createQueryClient, I18nProvider } from "@cds/ui";
import { catalogs } from "../../messages.ts";
import { AssessmentPage } from "./AssessmentPage.tsx";
import { me } from "./test-fixtures.ts";

export function renderAssessmentPage() {
  return render(
    <QueryClientProvider client={createQueryClient({ test: true })}>
      <I18nProvider catalogs={catalogs}>
        <AssessmentPage me={me} assessmentId="A1" />
      </I18nProvider>
    </QueryClientProvider>,
  );
}

/** The browser's XMLHttpRequest as the upload helper uses it; answers each multipart request with `answer(operations)`. */
export function stubUploads(
  answer: (ops: { query: string; variables: Record<string, unknown> }, file: File) => unknown,
) {
  const sent: { variables: Record<string, unknown>; file: File }[] = [];
  class UploadRequest {
    upload = { onprogress: null as null | ((e: ProgressEvent) => void) };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    status = 200;
    responseText = "";
    open() {}
    setRequestHeader() {}
    send(form: FormData) {
      const ops = JSON.parse(String(form.get("operations"))) as { query: string; variables: Record<string, unknown> };
      const file = form.get("0") as File;
      sent.push({ variables: ops.variables, file });
      this.responseText = JSON.stringify({ data: answer(ops, file) });
      queueMicrotask(() => this.onload?.());
    }
  }
  vi.stubGlobal("XMLHttpRequest", UploadRequest);
  return sent;
}
