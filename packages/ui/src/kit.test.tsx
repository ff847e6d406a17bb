import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ApiError,
  DataTable,
  formatDate,
  formatDateTime,
  I18nProvider,
  match,
  sharedEn,
  sharedVi,
  toCsv,
  unwrap,
  type Column,
} from "./index.ts";

afterEach(() => cleanup());

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
  const cols: Column<{ a: string; n: number | null }>[] = [
    { key: "a", header: "Tên, đơn vị", value: (r) => r.a },
    { key: "n", header: "Số", value: (r) => r.n },
  ];
  const hex = (s: string) => [...new TextEncoder().encode(s)].map((b) => b.toString(16).padStart(2, "0")).join(" ");

  it("for tools (dấu ,): RFC 4180 — comma, CRLF, no BOM, decimal point; quotes cells with commas, quotes and line breaks", () => {
    expect(
      toCsv(
        cols,
        [
          { a: 'Xã "Yên" Hoà', n: 3 },
          { a: "Huyện\nA", n: null },
          { a: "Tỷ lệ", n: 11.96 },
        ],
        "comma",
      ),
    ).toBe('"Tên, đơn vị",Số\r\n"Xã ""Yên"" Hoà",3\r\n"Huyện\nA",\r\nTỷ lệ,11.96');
  });

  it("for Excel in a Vietnamese locale (dấu ;): UTF-8 BOM, semicolon, CRLF, decimal comma, no sep= line — byte for byte", () => {
    const text = toCsv(
      cols,
      [
        { a: "Đà Nẵng; Huế", n: 11.96 },
        { a: "=1+1", n: -3 },
      ],
      "excel",
    );
    // No "sep=;" line: Excel honours it but then ignores the BOM and shows "ÄÃ " for "Đà".
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(text).not.toMatch(/sep=/);
    expect(hex(text).startsWith("ef bb bf 54 c3 aa 6e 2c 20 c4 91 c6 a1 6e 20 76 e1 bb 8b 3b")).toBe(true);
    // A formula-looking text cell is neutralised for Excel; numbers stay numbers.
    expect(text.slice(1).split("\r\n")).toEqual(["Tên, đơn vị;Số", '"Đà Nẵng; Huế";11,96', "'=1+1;-3"]);
    expect(text.endsWith("\r\n")).toBe(false);
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
    expect(
      screen
        .getAllByRole("row")
        .slice(1)
        .map((r) => r.textContent),
    ).toEqual(["00172Phường Yên Hoà", "02248Xã Yên Hoa"]);
    fireEvent.click(screen.getByRole("button", { name: "Tên" }));
    fireEvent.click(screen.getByRole("button", { name: "Tên ▲" }));
    expect(
      screen
        .getAllByRole("row")
        .slice(1)
        .map((r) => r.textContent),
    ).toEqual(["02248Xã Yên Hoa", "00172Phường Yên Hoà"]);
  });
});

describe("DataTable in Vietnamese order", () => {
  it("sorts names by the Vietnamese alphabet (Đ after D, Hà Nội before Huế) and numbers in names by value", () => {
    const names = ["Huế", "Đà Nẵng", "Hà Nội", "Cà Mau", "Gia Lai", "Dak Nong", "Phường 10", "Phường 2"];
    render(
      <I18nProvider catalogs={{ vi: sharedVi, en: sharedEn }}>
        <DataTable
          rows={names.map((name) => ({ name }))}
          rowKey={(r) => r.name}
          columns={[{ key: "name", header: "Tên", value: (r) => r.name }]}
        />
      </I18nProvider>,
    );
    fireEvent.click(screen.getByRole("button", { name: "Tên" }));
    const shown = () =>
      screen
        .getAllByRole("row")
        .slice(1)
        .map((r) => r.textContent);
    expect(shown()).toEqual(["Cà Mau", "Dak Nong", "Đà Nẵng", "Gia Lai", "Hà Nội", "Huế", "Phường 2", "Phường 10"]);
    fireEvent.click(screen.getByRole("button", { name: "Tên ▲" }));
    expect(shown()).toEqual(["Phường 10", "Phường 2", "Huế", "Hà Nội", "Gia Lai", "Đà Nẵng", "Dak Nong", "Cà Mau"]);
  });

  it("offers CSV for Excel (dấu ;) and CSV for tools (dấu ,), each a labelled button", async () => {
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => {
      blobs.push(b);
      return "blob:stub";
    });
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined);
    render(
      <I18nProvider catalogs={{ vi: sharedVi, en: sharedEn }}>
        <DataTable
          rows={[{ name: "Đà Nẵng", share: 11.5 }]}
          rowKey={(r) => r.name}
          csvName="x.csv"
          columns={[
            { key: "name", header: "Tên", value: (r) => r.name },
            { key: "share", header: "Tỷ lệ", value: (r) => r.share },
          ]}
        />
      </I18nProvider>,
    );
    fireEvent.click(screen.getByRole("button", { name: "Xuất CSV (Excel, dấu ;)" }));
    fireEvent.click(screen.getByRole("button", { name: "CSV (dấu ,)" }));
    expect(click).toHaveBeenCalledTimes(2);
    const read = (b: Blob) =>
      new Promise<Uint8Array>((resolve) => {
        const r = new FileReader();
        r.onload = () => resolve(new Uint8Array(r.result as ArrayBuffer));
        r.readAsArrayBuffer(b);
      });
    const bytes = await Promise.all(blobs.map(read));
    const text = (u: Uint8Array) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(u);
    expect([...bytes[0]!.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text(bytes[0]!)).toBe("\uFEFFTên;Tỷ lệ\r\nĐà Nẵng;11,5");
    expect(text(bytes[1]!)).toBe("Tên,Tỷ lệ\r\nĐà Nẵng,11.5");
    click.mockRestore();
  });
});
