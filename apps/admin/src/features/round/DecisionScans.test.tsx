import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Me } from "@cds/ui";
import { renderWithProviders, stubGraphql, stubUploads } from "@cds/ui/testing";
import { catalogs } from "../../messages.ts";
import { provinceAdmin } from "../../test-users.ts";
import { RoundsPage } from "./RoundsPage.tsx";
import {
  actionablePage,
  decisionScan,
  kinds,
  page,
  recognisedRow,
  ROUND_ID,
  roundFixture,
  summaryAnswer,
} from "./rounds-fixtures.ts";

function renderRounds(me: Me, decisions: () => unknown) {
  window.history.replaceState(null, "", "/rounds?year=2026");
  const api = stubGraphql({
    AdminRounds: { rounds: [roundFixture()], unitKinds: kinds },
    AdminRoundSummary: summaryAnswer(),
    AdminRoundAssessments: page([]),
    AdminActionableAssessments: actionablePage([]),
    AdminRoundDecisions: decisions,
  });
  renderWithProviders(<RoundsPage me={me} />, catalogs);
  return api;
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("the signed recognition decisions of a round", () => {
  it("lists the decisions the recognised units carry and uploads a missing scan", async () => {
    let uploaded = false;
    const api = renderRounds(provinceAdmin, () =>
      page([
        recognisedRow("a-1", "123/QĐ-UBND", "2026-12-18", decisionScan("123/QĐ-UBND")),
        recognisedRow("a-2", "123/QĐ-UBND", "2026-12-18", decisionScan("123/QĐ-UBND")),
        recognisedRow("a-3", "145/QĐ-UBND", "2026-12-22", uploaded ? decisionScan("145/QĐ-UBND") : null),
        // Recognised without a decision number: not listed.
        recognisedRow("a-4", null, null),
      ]),
    );
    const sent = stubUploads((ops, file) => {
      if (!file.name.endsWith(".pdf")) throw new Error("unexpected file");
      uploaded = true;
      return {
        uploadDecisionScan: {
          __typename: "MutationUploadDecisionScanSuccess",
          data: decisionScan(String(ops.variables.decisionNumber), { fileName: file.name }),
        },
      };
    });

    const section = (await screen.findByRole("heading", { name: "Quyết định công nhận đã ký" })).parentElement!;
    const first = await within(section).findByTestId("decision-123/QĐ-UBND");
    expect(first.textContent).toContain("18/12/2026");
    expect(first.textContent).toContain("2 đơn vị");
    const link = within(first).getByRole("link", { name: "qd-cong-nhan.pdf" });
    expect(link.getAttribute("href")).toBe("/files/decision-scans/scan-123/QĐ-UBND.pdf");
    expect(within(first).queryByRole("button")).toBeNull();

    const second = within(section).getByTestId("decision-145/QĐ-UBND");
    expect(second.textContent).toContain("22/12/2026");
    expect(second.textContent).toContain("1 đơn vị");
    expect(within(section).getAllByRole("row")).toHaveLength(3);
    expect(api.byName("AdminRoundDecisions")[0]!.variables).toMatchObject({ roundId: ROUND_ID });

    fireEvent.click(within(second).getByRole("button", { name: "Tải bản quét đã ký của quyết định 145/QĐ-UBND" }));
    const dialog = await screen.findByRole("dialog", { name: "Tải bản quét đã ký: Quyết định 145/QĐ-UBND" });
    // Nothing picked: the field says so, in Vietnamese, and nothing is sent.
    fireEvent.click(within(dialog).getByRole("button", { name: "Tải lên" }));
    expect(within(dialog).getByText("Chọn tệp bản quét quyết định đã ký.")).toBeTruthy();
    const input = within(dialog).getByLabelText("Tệp bản quét");
    expect(input.getAttribute("accept")).toBe(".pdf,.png,.jpg,.jpeg");
    fireEvent.change(input, {
      target: { files: [new File(["x"], "bao-cao.docx", { type: "application/msword" })] },
    });
    fireEvent.click(within(dialog).getByRole("button", { name: "Tải lên" }));
    expect(within(dialog).getByText("Tệp bao-cao.docx không phải PDF, PNG hoặc JPG.")).toBeTruthy();
    expect(sent).toHaveLength(0);

    const picked = new File([new Uint8Array([0x25, 0x50, 0x44, 0x46])], "qd-145-da-ky.pdf", {
      type: "application/pdf",
    });
    fireEvent.change(input, { target: { files: [picked] } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Tải lên" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(sent).toHaveLength(1);
    expect(sent[0]!.variables).toEqual({ roundId: ROUND_ID, decisionNumber: "145/QĐ-UBND", file: null });
    expect(sent[0]!.file.name).toBe("qd-145-da-ky.pdf");
    // The list is read again: the decision now has its scan.
    await waitFor(() => expect(within(screen.getByTestId("decision-145/QĐ-UBND")).queryByRole("button")).toBeNull());
    expect(within(screen.getByTestId("decision-145/QĐ-UBND")).getByRole("link").getAttribute("href")).toBe(
      "/files/decision-scans/scan-145/QĐ-UBND.pdf",
    );
  });

  it("shows the API's refusal next to the field it names", async () => {
    renderRounds(provinceAdmin, () => page([recognisedRow("a-3", "145/QĐ-UBND", "2026-12-22")]));
    stubUploads(() => ({
      uploadDecisionScan: {
        __typename: "InputError",
        code: "BAD_INPUT",
        message: "Tệp không phải bản quét hợp lệ",
        messageEn: "Not a valid scan",
        issues: [
          { field: "file", message: "Tệp không phải PDF hoặc ảnh hợp lệ", messageEn: "Not a valid PDF or image" },
        ],
      },
    }));
    fireEvent.click(await screen.findByRole("button", { name: "Tải bản quét đã ký của quyết định 145/QĐ-UBND" }));
    const dialog = await screen.findByRole("dialog");
    const input = within(dialog).getByLabelText("Tệp bản quét");
    fireEvent.change(input, { target: { files: [new File(["x"], "qd.pdf", { type: "application/pdf" })] } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Tải lên" }));
    await within(dialog).findByText("Tệp không phải PDF hoặc ảnh hợp lệ");
    expect(input.getAttribute("aria-invalid")).toBe("true");
  });

  it("is not shown to whom the decision documents are not offered", async () => {
    const me = { ...provinceAdmin, capabilities: { ...provinceAdmin.capabilities, decisionDocuments: false } };
    const api = renderRounds(me, () => page([]));
    await screen.findByRole("heading", { name: "Đánh giá cấp xã năm 2026" });
    expect(screen.queryByText("Quyết định công nhận đã ký")).toBeNull();
    expect(api.byName("AdminRoundDecisions")).toHaveLength(0);
  });
});
