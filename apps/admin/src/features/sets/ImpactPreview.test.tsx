import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, screen, within } from "@testing-library/react";
import { ImpactPreview } from "./ImpactPreview.tsx";
import { DRAFT_ID, mockGraphql, renderWithProviders } from "./test-utils.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

const ROUND = { id: "round-2027", name: "Đánh giá DTI cấp xã năm 2027", year: 2027, unitKind: "commune" };

const unitRow = (
  name: string,
  now: [string | null, number | null],
  draft: [string, number],
  extra: Partial<{ group: string; groupName: string; unreadable: string[] }> = {},
) => ({
  assessmentId: `a-${name}`,
  unitName: name,
  group: extra.group ?? "xa",
  groupName: extra.groupName ?? "Xã",
  currentScore: now[0] === null ? null : Number(now[0]),
  currentScoreText: now[0],
  currentRank: now[1],
  draftScore: Number(draft[0]),
  draftScoreText: draft[0],
  draftRank: draft[1],
  unreadable: extra.unreadable ?? [],
});

/** What the API answers for a points-only draft: no levels, every unit's score and rank. */
function scoredImpact(rows: ReturnType<typeof unitRow>[], rankChanged: number, levels = 0) {
  return {
    impactPreview: {
      units: rows.length,
      current: levels === 0 ? [rows.length] : [0, rows.length, ...new Array<number>(levels - 1).fill(0)],
      draft: levels === 0 ? [rows.length] : [0, rows.length - 1, 1, ...new Array<number>(levels - 2).fill(0)],
      up: levels === 0 ? 0 : 1,
      down: 0,
      moved:
        levels === 0 ? [] : [{ assessmentId: "a-Xã Khánh Thiện", unitName: "Xã Khánh Thiện", current: 1, draft: 2 }],
      scored: true,
      maxScore: 1000,
      rankChanged,
      scoreChanges: rows,
    },
  };
}

function render(impact: unknown, scored = true, levelNames: string[] = []) {
  const api = mockGraphql({
    SetRounds: { rounds: [{ ...ROUND, setVersion: { id: "v1", version: "1.0", set: { code: "ninh-binh-dti-xa" } } }] },
    ImpactPreview: impact as Record<string, unknown>,
  });
  renderWithProviders(
    <ImpactPreview
      versionId={DRAFT_ID}
      tenantCode="ninh-binh"
      tenantName="Ninh Bình"
      unitKind="commune"
      revision={3}
      dirty={false}
      levelNames={levelNames}
      scored={scored}
    />,
  );
  return api;
}

const headers = (table: HTMLElement) =>
  within(table)
    .getAllByRole("columnheader")
    .map((h) => h.textContent);
const bodyRows = (table: HTMLElement) => within(table).getAllByRole("row").slice(1);

describe("the impact of a scored draft", () => {
  it("lists every unit's score and rank now and under the draft, the biggest rank moves first", async () => {
    const api = render(
      scoredImpact(
        [
          // Sent in unit order: the screen puts the biggest move first.
          unitRow("Phường Hoa Lư", ["640.50", 1], ["610.00", 2], { group: "phuong", groupName: "Phường" }),
          unitRow("Xã Gia Viễn", ["712.50", 1], ["698.25", 3], { unreadable: ["NT-04"] }),
          unitRow("Xã Khánh Thiện", ["700.00", 2], ["705.00", 1]),
          unitRow("Xã Yên Mô", ["0.00", 4], ["0.00", 4]),
        ],
        3,
      ),
    );
    await screen.findByTestId("rank-summary");
    expect(screen.getByTestId("rank-summary").textContent).toBe("3 đơn vị thay đổi thứ hạng");
    expect(screen.getByTestId("rank-changed").textContent).toBe("3");
    expect(api.byName("ImpactPreview")[0]!.variables).toEqual({ versionId: DRAFT_ID, roundId: ROUND.id });
    expect(screen.getByText(/xem điểm và thứ hạng của từng đơn vị/)).toBeTruthy();

    const table = screen.getByRole("table");
    expect(headers(table)).toEqual([
      "Đơn vị",
      "Điểm hiện nay",
      "Điểm theo bản nháp",
      "Hạng hiện nay",
      "Hạng theo bản nháp",
    ]);
    const rows = bodyRows(table).map((r) =>
      within(r)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    );
    expect(rows.map((r) => r[0]!.split(" · ")[0]!.replace(/\d+ chỉ số không đọc được$/, ""))).toEqual([
      "Xã Gia Viễn",
      "Phường Hoa Lư",
      "Xã Khánh Thiện",
      "Xã Yên Mô",
    ]);
    // Scores with the set's decimals in Vietnamese separators; the rank move beside the draft's rank.
    expect(rows[0]!.slice(1)).toEqual(["712,50", "698,25", "1", "3 ↓2 xuống 2 bậc"]);
    expect(rows[2]!.slice(1)).toEqual(["700,00", "705,00", "2", "1 ↑1 lên 1 bậc"]);
    expect(rows[3]!.slice(1)).toEqual(["0,00", "0,00", "4", "4"]);
    expect(rows[1]![0]).toContain("Phường");
    // A value the draft cannot read is said, not hidden.
    expect(rows[0]![0]).toContain("1 chỉ số không đọc được");
    expect(screen.getByText(/1 đơn vị có số liệu mà bản nháp không đọc được/)).toBeTruthy();
    // A points-only draft has no levels to compare.
    expect(screen.queryByTestId("impact-table")).toBeNull();
  });

  it("a round judged by levels has no rank now: dashes, and nobody counts as changing rank", async () => {
    render(scoredImpact([unitRow("Xã Khánh Thiện", [null, null], ["705.00", 1])], 0));
    await screen.findByTestId("rank-summary");
    expect(screen.getByTestId("rank-summary").textContent).toBe("0 đơn vị thay đổi thứ hạng");
    const cells = within(bodyRows(screen.getByRole("table"))[0]!)
      .getAllByRole("cell")
      .map((c) => c.textContent);
    expect(cells.slice(1)).toEqual(["—", "705,00", "—", "1"]);
  });

  it("judged by both: the scores and ranks, and the level table below", async () => {
    render(
      scoredImpact(
        [unitRow("Xã Khánh Thiện", ["700.00", 2], ["805.00", 1]), unitRow("Xã Gia Viễn", ["720.00", 1], ["720.00", 2])],
        2,
        3,
      ),
      true,
      ["Trung bình", "Khá", "Tốt"],
    );
    await screen.findByTestId("rank-summary");
    expect(screen.getByTestId("rank-summary").textContent).toBe("2 đơn vị thay đổi thứ hạng");
    expect(screen.getByTestId("impact-table")).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Mức xếp loại theo điểm" })).toBeTruthy();
  });

  it("a level draft shows only the levels", async () => {
    render(
      {
        impactPreview: {
          units: 2,
          current: [0, 1, 1, 0, 0, 0],
          draft: [0, 2, 0, 0, 0, 0],
          up: 0,
          down: 1,
          moved: [{ assessmentId: "a1", unitName: "Xã Khánh Thiện", current: 2, draft: 1 }],
          scored: false,
          maxScore: null,
          rankChanged: 0,
          scoreChanges: [],
        },
      },
      false,
      ["Khởi động", "Kết nối", "Cơ bản", "Nâng cao", "Toàn diện"],
    );
    await screen.findByTestId("impact-table");
    expect(screen.queryByTestId("rank-summary")).toBeNull();
    expect(screen.getByText(/số đơn vị ở mỗi mức thay đổi thế nào/)).toBeTruthy();
  });
});
