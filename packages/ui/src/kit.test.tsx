import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ApiError, DataTable, formatDate, formatDateTime, I18nProvider, match, sharedEn, sharedVi, toCsv, unwrap, type Column } from "./index.ts";

describe("dates as Vietnamese documents write them", () => {
  it("formats calendar dates and instants as dd/mm/yyyy in Vietnam time", () => {
    expect(formatDate("2026-03-14")).toBe("14/03/2026");
    // 20:30 UTC on 24/12 is already 25/12 in Hà Nội.
    expect(formatDate("2026-12-24T20:30:00Z")).toBe("25/12/2026");
    expect(formatDateTime("2026-12-24T20:30:00Z")).toBe("25/12/2026 03:30");
    expect(formatDate(null)).toBe("—");
    expect(formatDate("not a date")).toBe("—");
  });
});

describe("CSV export", () => {
  it("quotes cells with commas, quotes and line breaks", () => {
    const cols: Column<{ a: string; n: number | null }>[] = [
      { key: "a", header: "Tên, đơn vị", value: (r) => r.a },
      { key: "n", header: "Số", value: (r) => r.n },
    ];
    expect(toCsv(cols, [{ a: 'Xã "Yên" Hoà', n: 3 }, { a: "Huyện\nA", n: null }])).toBe(
      '"Tên, đơn vị",Số\r\n"Xã ""Yên"" Hoà",3\r\n"Huyện\nA",',
    );
  });
});

describe("router", () => {
  it("matches patterns with parameters", () => {
    expect(match("/sets/:id", "/sets/Q3JpdGVyaWE%3D")).toEqual({ id: "Q3JpdGVyaWE=" });
    expect(match("/sets/:id", "/sets")).toBeNull();
    expect(match("/rounds", "/sets")).toBeNull();
  });
});

describe("mutation results", () => {
  it("unwrap returns the success data and turns an error member into an ApiError with its fields", () => {
    expect(unwrap({ __typename: "MutationXSuccess", data: { version: 2 } } as const)).toEqual({ version: 2 });
    try {
      unwrap({
        __typename: "ConflictError",
        code: "CONFLICT",
        message: "Hồ sơ đã được người khác cập nhật",
        messageEn: "Someone else saved this first",
        currentVersion: 7,
      } as { __typename: string });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ApiError);
      expect(e).toMatchObject({ code: "CONFLICT", message: "Hồ sơ đã được người khác cập nhật", currentVersion: 7 });
    }
  });
});

describe("DataTable", () => {
  it("filters ignoring diacritics and sorts by a column", () => {
    const rows = [
      { code: "00172", name: "Phường Yên Hoà" },
      { code: "02248", name: "Xã Yên Hoa" },
      { code: "032", name: "Huyện Hoàng Su Phì" },
    ];
    render(
      <I18nProvider catalogs={{ vi: sharedVi, en: sharedEn }}>
        <DataTable
          rows={rows}
          rowKey={(r) => r.code}
          columns={[
            { key: "code", header: "Mã", value: (r) => r.code },
            { key: "name", header: "Tên", value: (r) => r.name },
          ]}
        />
      </I18nProvider>,
    );
    fireEvent.change(screen.getByRole("searchbox"), { target: { value: "yen hoa" } });
    expect(screen.getAllByRole("row").slice(1).map((r) => r.textContent)).toEqual(["00172Phường Yên Hoà", "02248Xã Yên Hoa"]);
    fireEvent.click(screen.getByRole("button", { name: "Tên" }));
    fireEvent.click(screen.getByRole("button", { name: "Tên ▲" }));
    expect(screen.getAllByRole("row").slice(1).map((r) => r.textContent)).toEqual(["02248Xã Yên Hoa", "00172Phường Yên Hoà"]);
  });
});
