import { act, cleanup, fireEvent, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderWithProviders, stubGraphql } from "@cds/ui/testing";
import { catalogs } from "../../messages.ts";
import { ResultsPage } from "./ResultsPage.tsx";

const recognised = {
  id: "R1",
  recognisedLevel: 3,
  recognitionDecision: "314/QĐ-UBND",
  recognitionDate: "2026-11-20",
  round: { year: 2026 },
  unit: {
    id: "u_14368",
    map: { id: "2025-03" },
    code: "14368",
    name: "Xã Khánh Thiện",
    path: "37/376/14368",
    parent: { code: "376", name: "Huyện Yên Khánh", kind: { code: "district" } },
    tenant: { code: "ninh-binh", name: "Tỉnh Ninh Bình" },
  },
};
const unrecognisedUnit = {
  code: "14371",
  name: "Xã Khánh Hồng",
  path: "37/376/14371",
  kind: { code: "commune", name: "Xã" },
  parent: { name: "Huyện Yên Khánh" },
  tenant: { name: "Tỉnh Ninh Bình" },
};

const renderPage = () => renderWithProviders(<ResultsPage />, catalogs);

/** Types into the search box and lets the pause in typing pass. */
async function search(q: string) {
  fireEvent.change(screen.getByRole("searchbox"), { target: { value: q } });
  await act(async () => {
    await vi.advanceTimersByTimeAsync(400);
  });
}

beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("ResultsPage search", () => {
  it("says không tìm thấy only once the typed query has been answered with nothing", async () => {
    let answer: (v: unknown) => void = () => undefined;
    stubGraphql({
      PublicRecognised: () => ({ assessments: { edges: [{ node: recognised }], pageInfo: { hasNextPage: false } } }),
      PublicUnitSearch: () => new Promise((r) => (answer = r)),
    });
    renderPage();
    await screen.findByText("Xã Khánh Thiện");
    expect(screen.queryByText(/Không tìm thấy/)).toBeNull();

    // Typed, before the pause: nothing said yet.
    fireEvent.change(screen.getByRole("searchbox"), { target: { value: "zzz" } });
    expect(screen.queryByText(/Không tìm thấy/)).toBeNull();
    // Asked, while loading: still nothing said.
    await act(async () => {
      await vi.advanceTimersByTimeAsync(400);
    });
    expect(screen.queryByText(/Không tìm thấy/)).toBeNull();
    // Answered with nothing: now it says so.
    await act(async () => answer({ units: { edges: [] } }));
    expect(await screen.findByText(/Không tìm thấy đơn vị nào khớp "zzz"/)).toBeTruthy();

    // The box emptied: the whole list again, no "không tìm thấy" (even before the pause).
    fireEvent.change(screen.getByRole("searchbox"), { target: { value: "" } });
    expect(screen.queryByText(/Không tìm thấy/)).toBeNull();
    expect(await screen.findByText("Xã Khánh Thiện")).toBeTruthy();
  });

  it("does not say không tìm thấy when units matched but none is recognised yet", async () => {
    stubGraphql({
      PublicRecognised: (v) => ({
        assessments: { edges: v.unitCode ? [] : [{ node: recognised }], pageInfo: { hasNextPage: false } },
      }),
      PublicUnitSearch: () => ({ units: { edges: [{ node: unrecognisedUnit }] } }),
    });
    renderPage();
    await screen.findByText("Xã Khánh Thiện");
    await search("khanh hong");
    expect(await screen.findByText("Xã Khánh Hồng")).toBeTruthy();
    expect(screen.queryByText(/Không tìm thấy/)).toBeNull();
  });
});
