import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { stubGraphql, stubUploads } from "@cds/ui/testing";
import { assessment } from "./test-fixtures.ts";
import { renderAssessmentPage } from "./test-harness.tsx";

const FILE = {
  id: "E1",
  criterionCode: "CQS-02",
  fileName: "bien-ban.pdf",
  mimeType: "application/pdf",
  size: 2048,
  createdAt: "2026-03-01T02:00:00Z",
};

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("evidence on the assessment form", () => {
  it("deletes a file only after confirmation", async () => {
    const { calls } = stubGraphql({
      PortalAssessment: () => ({ assessment: { ...assessment(), evidence: [FILE] } }),
      PortalDeleteEvidence: (v) => ({
        deleteEvidence: { __typename: "MutationDeleteEvidenceSuccess", data: { id: v.id } },
      }),
    });
    renderAssessmentPage();
    const item = await screen.findByTestId("evidence-E1");
    fireEvent.click(within(item).getByRole("button", { name: "Xoá tệp bien-ban.pdf" }));
    // A second look before anything is sent; "Huỷ" keeps the file.
    expect(within(item).getByText('Xoá tệp "bien-ban.pdf"?')).toBeTruthy();
    fireEvent.click(within(item).getByRole("button", { name: "Huỷ" }));
    expect(calls.filter((c) => c.operation === "PortalDeleteEvidence")).toHaveLength(0);

    fireEvent.click(within(item).getByRole("button", { name: "Xoá tệp bien-ban.pdf" }));
    fireEvent.click(within(item).getByRole("button", { name: "Xoá tệp" }));
    await waitFor(() => expect(screen.queryByTestId("evidence-E1")).toBeNull());
    expect(calls.filter((c) => c.operation === "PortalDeleteEvidence").map((c) => c.variables)).toEqual([{ id: "E1" }]);
  });

  it("replaces a file in place with the picked one", async () => {
    stubGraphql({ PortalAssessment: () => ({ assessment: { ...assessment(), evidence: [FILE] } }) });
    const sent = stubUploads((ops, file) => ({
      replaceEvidence: {
        __typename: "MutationReplaceEvidenceSuccess",
        data: { ...FILE, id: ops.variables.id, fileName: file.name, mimeType: file.type, size: file.size },
      },
    }));
    renderAssessmentPage();
    const item = await screen.findByTestId("evidence-E1");
    const picked = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], "ban-chinh-thuc.png", { type: "image/png" });
    fireEvent.change(within(item).getByLabelText("Thay tệp bien-ban.pdf"), { target: { files: [picked] } });
    await waitFor(() => expect(within(screen.getByTestId("evidence-E1")).getByText("ban-chinh-thuc.png")).toBeTruthy());
    expect(screen.queryByText("bien-ban.pdf")).toBeNull();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.variables).toEqual({ id: "E1", file: null });
    expect(sent[0]!.file.name).toBe("ban-chinh-thuc.png");
  });

  it("offers only what allowedActions lists", async () => {
    const a = assessment();
    stubGraphql({
      PortalAssessment: () => ({
        assessment: { ...a, allowedActions: a.allowedActions.filter((x) => x !== "deleteEvidence"), evidence: [FILE] },
      }),
    });
    renderAssessmentPage();
    const item = await screen.findByTestId("evidence-E1");
    expect(within(item).getByLabelText("Thay tệp bien-ban.pdf")).toBeTruthy();
    expect(within(item).queryByRole("button", { name: "Xoá tệp bien-ban.pdf" })).toBeNull();
  });

  it("offers neither once the assessment is submitted", async () => {
    stubGraphql({
      PortalAssessment: () => ({ assessment: { ...assessment({ status: "SUBMITTED" }), evidence: [FILE] } }),
    });
    renderAssessmentPage();
    const item = await screen.findByTestId("evidence-E1");
    expect(within(item).queryByRole("button")).toBeNull();
    expect(within(item).queryByLabelText("Thay tệp bien-ban.pdf")).toBeNull();
  });
});
