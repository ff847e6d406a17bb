import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import ExcelJS from "exceljs";
import { DataTable, I18nProvider, sharedEn, sharedVi, type Column } from "./index.ts";
import { columnKind, toIsoDay, xlsxFileName } from "./xlsx-export.ts";

interface Unit {
  code: string;
  name: string;
  people: number;
  rate: number | null;
  score: number;
  recognisedOn: string | null;
}

const units: Unit[] = [
  { code: "00004", name: "Phường Ba Đình", people: 65432, rate: 85.5, score: 825.61, recognisedOn: "01/07/2025" },
  { code: "00008", name: "Phường Ngọc Hà", people: 1200, rate: 42, score: 610, recognisedOn: null },
  { code: "00025", name: "Xã Đông Anh", people: 98765, rate: 12.25, score: 300.5, recognisedOn: "31/12/2025" },
  { code: "00031", name: "Phường Hoàn Kiếm", people: 2500, rate: null, score: 700, recognisedOn: "15/03/2024" },
];

const columns: Column<Unit>[] = [
  { key: "code", header: "Mã đơn vị", value: (u) => u.code },
  { key: "name", header: "Tên đơn vị", value: (u) => u.name },
  {
    key: "people",
    header: "Dân số",
    value: (u) => u.people,
    render: (u) => u.people.toLocaleString("vi-VN"),
    align: "right",
  },
  { key: "rate", header: "Tỷ lệ (%)", value: (u) => u.rate, type: "percent", align: "right" },
  { key: "score", header: "Điểm", value: (u) => u.score, align: "right" },
  { key: "recognisedOn", header: "Ngày công nhận", value: (u) => u.recognisedOn },
];

function stubDownloads() {
  const blobs: Blob[] = [];
  const names: string[] = [];
  URL.createObjectURL = vi.fn((b: Blob) => {
    blobs.push(b);
    return "blob:stub";
  });
  URL.revokeObjectURL = vi.fn();
  const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    names.push(this.download);
  });
  return { blobs, names, click };
}

const bytesOf = (b: Blob) =>
  new Promise<Uint8Array>((resolve) => {
    const r = new FileReader();
    r.onload = () => resolve(new Uint8Array(r.result as ArrayBuffer));
    r.readAsArrayBuffer(b);
  });

function renderTable(props: { title?: string } = {}) {
  render(
    <I18nProvider catalogs={{ vi: sharedVi, en: sharedEn }}>
      <DataTable rows={units} rowKey={(u) => u.code} csvName="don-vi-2025.csv" columns={columns} {...props} />
    </I18nProvider>,
  );
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe("DataTable XLSX export", () => {
  it("offers Xuất Excel (.xlsx) first, then the two CSV buttons", () => {
    renderTable();
    const labels = screen
      .getAllByRole("button")
      .map((b) => b.textContent)
      .filter((s) => s && /Excel|CSV/.test(s));
    expect(labels).toEqual(["Xuất Excel (.xlsx)", "Xuất CSV (Excel, dấu ;)", "CSV (dấu ,)"]);
  });

  it("writes the filtered, sorted rows as a real XLSX: header, numbers #,##0, percents, dates as dates", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-30T18:30:00Z")); // 01/12/2026 in Vietnam
    const { blobs, names } = stubDownloads();
    renderTable({ title: "Đơn vị Hà Nội" });
    fireEvent.change(screen.getByRole("searchbox"), { target: { value: "phuong" } }); // drops "Xã Đông Anh"
    fireEvent.click(screen.getByRole("button", { name: "Dân số" }));
    fireEvent.click(screen.getByRole("button", { name: "Dân số ▲" })); // descending
    fireEvent.click(screen.getByRole("button", { name: "Xuất Excel (.xlsx)" }));
    await waitFor(() => expect(blobs).toHaveLength(1), { timeout: 10_000 });
    expect(names).toEqual(["Đơn vị Hà Nội 01-12-2026.xlsx"]);
    expect(blobs[0]!.type).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    const bytes = await bytesOf(blobs[0]!);
    expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]); // a zip ("PK")
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell("A1").value).toBe("Đơn vị Hà Nội");
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual([
      "Mã đơn vị",
      "Tên đơn vị",
      "Dân số",
      "Tỷ lệ (%)",
      "Điểm",
      "Ngày công nhận",
    ]);
    expect(ws.getCell("A2").font.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    // Only the three "Phường", by population descending.
    expect([3, 4, 5].map((r) => ws.getCell(`A${r}`).value)).toEqual(["00004", "00031", "00008"]);
    expect(ws.getCell("A6").value).toBeNull();
    expect(ws.getCell("C3").value).toBe(65432);
    expect(ws.getCell("C3").numFmt).toBe("#,##0");
    expect(ws.getCell("C5").value).toBe(1200);
    expect(ws.getCell("D3").value).toBe(85.5);
    expect(ws.getCell("D3").numFmt).toBe("0.00");
    expect(ws.getCell("D4").value).toBeNull();
    expect(ws.getCell("E3").value).toBe(825.61);
    expect(ws.getCell("E3").numFmt).toBe("#,##0.00");
    const d = ws.getCell("F3").value;
    expect(d).toBeInstanceOf(Date);
    expect((d as Date).toISOString().slice(0, 10)).toBe("2025-07-01");
    expect((ws.getCell("F4").value as Date).toISOString().slice(0, 10)).toBe("2024-03-15");
    expect(ws.getCell("F3").numFmt).toBe("dd/mm/yyyy");
    expect(ws.getCell("F5").value).toBeNull();
    expect(ws.autoFilter).toBe("A2:F5");
    await waitFor(() =>
      expect((screen.getByRole("button", { name: "Xuất Excel (.xlsx)" }) as HTMLButtonElement).disabled).toBe(false),
    );
  });

  it("without a title, names the file after csvName and puts the header on row 1; the CSV buttons still work", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-30T10:00:00Z"));
    const { blobs, names } = stubDownloads();
    renderTable();
    fireEvent.click(screen.getByRole("button", { name: "Xuất Excel (.xlsx)" }));
    await waitFor(() => expect(blobs).toHaveLength(1), { timeout: 10_000 });
    fireEvent.click(screen.getByRole("button", { name: "Xuất CSV (Excel, dấu ;)" }));
    fireEvent.click(screen.getByRole("button", { name: "CSV (dấu ,)" }));
    expect(names).toEqual(["don-vi-2025-30-11-2026.xlsx", "don-vi-2025.csv", "don-vi-2025.csv"]);
    const wb = new ExcelJS.Workbook();
    const bytes = await bytesOf(blobs[0]!);
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell("A1").value).toBe("Mã đơn vị");
    expect(ws.getCell("A2").value).toBe("00004");
    expect(ws.getCell("C2").numFmt).toBe("#,##0");
    const text = (u: Uint8Array) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(u);
    const [semi, comma] = await Promise.all(blobs.slice(1).map(bytesOf));
    expect(text(semi!).split("\r\n")[0]).toBe("\uFEFFMã đơn vị;Tên đơn vị;Dân số;Tỷ lệ (%);Điểm;Ngày công nhận");
    expect(text(semi!).split("\r\n")[1]).toBe("00004;Phường Ba Đình;65432;85,5;825,61;01/07/2025");
    expect(text(comma!).split("\r\n")[1]).toBe("00004,Phường Ba Đình,65432,85.5,825.61,01/07/2025");
  });
});

describe("column kinds and file names", () => {
  it("infers number, date and text from the values", () => {
    const rows = [{ a: 1, b: "2025-07-01", c: "x", d: "01/07/2025", e: null }];
    expect(columnKind({ key: "a", header: "A", value: (r) => r.a }, rows)).toBe("number");
    expect(columnKind({ key: "b", header: "B", value: (r) => r.b }, rows)).toBe("date");
    expect(columnKind({ key: "c", header: "C", value: (r) => r.c }, rows)).toBe("text");
    expect(columnKind({ key: "d", header: "D", value: (r) => r.d }, rows)).toBe("date");
    expect(columnKind({ key: "e", header: "E", value: (r) => r.e }, rows)).toBe("text");
    expect(columnKind({ key: "a", header: "A", value: (r) => r.a, type: "percent" }, rows)).toBe("percent");
  });

  it("reads dd/mm/yyyy, ISO days and ISO instants (Vietnam day)", () => {
    expect(toIsoDay("1/7/2025")).toBe("2025-07-01");
    expect(toIsoDay("2025-07-01")).toBe("2025-07-01");
    expect(toIsoDay("2025-06-30T18:00:00Z")).toBe("2025-07-01");
    expect(toIsoDay("Phường 10")).toBeNull();
    // Days that do not exist stay text rather than becoming a wrong date cell.
    expect(toIsoDay("31/02/2024")).toBeNull();
    expect(toIsoDay("2024-13-45")).toBeNull();
  });

  it("keeps Vietnamese in file names and drops characters file systems refuse", () => {
    const now = new Date("2026-01-05T03:00:00Z");
    expect(xlsxFileName("Tổng hợp: xã/phường 2025", now)).toBe("Tổng hợp xã phường 2025 05-01-2026.xlsx");
    expect(xlsxFileName("tong-hop-xa-2025.csv", now)).toBe("tong-hop-xa-2025-05-01-2026.xlsx");
    expect(xlsxFileName("", now)).toBe("bang-du-lieu-05-01-2026.xlsx");
  });
});
