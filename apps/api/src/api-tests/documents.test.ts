/**
 * The official documents over HTTP, through the real handler on a socket: who gets which PDF
 * (the access module's rules, 404 for everyone else), the headers, and the text read back
 * from the PDF with pdfjs-dist.
 */
import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allText, readPdf } from "../../../../packages/documents/src/pdf-text.ts";
import { listen, type HttpServer } from "../http.ts";
import { unitId } from "../seed/base.ts";
import { DEMO_COMMUNE_CODE, DEMO_TENANT } from "../seed/demo.ts";
import { globalId } from "../testing/authz-cases.ts";
import { setupApi, type Client, type TestApi } from "../testing/harness.ts";

let api: TestApi;
let http: HttpServer;
let so: Client;
let hanoi: Client;
let editor: Client;
let officer: Client;
let communeRoundId: string;
let recognisedId: string;
let draftId: string;

beforeAll(async () => {
  api = await setupApi();
  http = await listen(api.platform, { host: "127.0.0.1", port: 0 });
  [so, hanoi, editor, officer] = await Promise.all([
    api.as("so@ninhbinh.gov.vn"),
    api.as("so@hanoi.gov.vn"),
    api.as("xa.khanhthien@ninhbinh.gov.vn"),
    api.as("phong.yenkhanh@ninhbinh.gov.vn"),
  ]);
  const round = await api.prisma.round.findFirstOrThrow({ where: { tenantId: DEMO_TENANT, unitKind: "commune" } });
  communeRoundId = round.id;
  recognisedId = (
    await api.prisma.assessment.findFirstOrThrow({ where: { roundId: round.id, unitId: unitId(round.mapId, "14560") } })
  ).id;
  draftId = (
    await api.prisma.assessment.findFirstOrThrow({
      where: { roundId: round.id, unitId: unitId(round.mapId, DEMO_COMMUNE_CODE) },
    })
  ).id;
});
afterAll(async () => {
  await http?.close(100);
  await api?.close();
});

function get(path: string, who?: Client): Promise<Response> {
  return fetch(`${http.url}${path}`, { headers: who?.cookie ? { cookie: who.cookie } : {} });
}

async function pdfText(r: Response, save?: string): Promise<string> {
  expect(r.status).toBe(200);
  expect(r.headers.get("content-type")).toBe("application/pdf");
  const disposition = r.headers.get("content-disposition") ?? "";
  expect(disposition).toMatch(/^attachment; filename="[\w.-]+\.pdf"; filename\*=UTF-8''[^\s;]+\.pdf$/);
  const bytes = new Uint8Array(await r.arrayBuffer());
  expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
  if (save && process.env.CDS_SAVE_PDF) writeFileSync(`${process.env.CDS_SAVE_PDF}/${save}`, bytes);
  return allText(await readPdf(bytes));
}

describe("result sheet", () => {
  it("of a recognised assessment is public: unit, level, every criterion and its result, no figures", async () => {
    const r = await get(`/documents/result-sheet/${recognisedId}.pdf`);
    const disposition = decodeURIComponent(r.headers.get("content-disposition") ?? "");
    expect(disposition).toContain("Phiếu kết quả Thị trấn Yên Ninh");
    const text = await pdfText(r, "sheet-public.pdf");
    expect(text).toContain("PHIẾU KẾT QUẢ");
    expect(text).toContain("Thị trấn Yên Ninh");
    expect(text).toContain("Mức 4");
    expect(text).toContain("SỞ KHOA HỌC VÀ CÔNG NGHỆ");
    expect(text).toContain("215/QĐ-UBND");
    for (const code of ["CQS-01", "CQS-02", "CQS-25", "KTS-01", "XHS-09"]) expect(text).toContain(code);
    expect(text).toContain("Đạt");
    expect(text).not.toContain("DỰ THẢO");
    // Figures are working data: an anonymous reader sees results, never a value.
    expect(text).not.toMatch(/\d+\/\d+ \(\d+,\d%\)/);
  });

  it("of a recognised assessment shows the figures to a grant covering the unit", async () => {
    const text = await pdfText(await get(`/documents/result-sheet/${recognisedId}.pdf`, so));
    expect(text).toMatch(/\d+\/\d+ \(\d+,\d%\)/);
  });

  it("of a draft is 404 for anonymous and another province, 200 (marked DỰ THẢO) for its editor", async () => {
    expect((await get(`/documents/result-sheet/${draftId}.pdf`)).status).toBe(404);
    expect((await get(`/documents/result-sheet/${draftId}.pdf`, hanoi)).status).toBe(404);
    expect((await get(`/documents/result-sheet/nope.pdf`, so)).status).toBe(404);
    const text = await pdfText(await get(`/documents/result-sheet/${draftId}.pdf`, editor), "sheet-draft.pdf");
    expect(text).toContain("Xã Khánh Thiện");
    expect(text).toContain("DỰ THẢO");
    expect(text).toContain("Chưa có số liệu");
    // Not recognised: the sheet must not read as a recognition.
    expect(text).not.toContain("Mức độ được công nhận");
  });
});

describe("recognition decision", () => {
  it("is a draft for the province's Sở with every appraised and recognised unit of the round", async () => {
    const units = await api.prisma.assessment.findMany({
      where: { roundId: communeRoundId, status: { in: ["APPRAISED", "RECOGNISED"] } },
      include: { unit: true },
    });
    expect(units.length).toBe(4);
    const text = await pdfText(await get(`/documents/recognition-decision/${communeRoundId}.pdf`, so), "decision.pdf");
    expect(text).toContain("DỰ THẢO");
    expect(text).toContain("QUYẾT ĐỊNH");
    expect(text).toContain("2361/QĐ-BTTTT");
    expect(text).toContain("215/QĐ-UBND");
    expect(text).toContain("ỦY BAN NHÂN DÂN TỈNH NINH BÌNH");
    for (const u of units) expect(text).toContain(u.unit.name);
    expect(text).toContain("Mức 4 (Nâng cao)");
  });

  it("is found by the GraphQL id the apps link with (base64, its padding URL-encoded), as by the row id", async () => {
    // The admin's links take `round.id` / `assessment.id` as GraphQL gives them.
    for (const [path, id] of [
      ["recognition-decision", globalId("Round", communeRoundId)],
      ["appraisal-minutes", globalId("Round", communeRoundId)],
      ["result-sheet", globalId("Assessment", recognisedId)],
    ] as const) {
      const r = await get(`/documents/${path}/${encodeURIComponent(id)}.pdf`, so);
      expect(r.status, `${path} ${id}`).toBe(200);
      expect(r.headers.get("content-type")).toBe("application/pdf");
    }
    const text = await pdfText(
      await get(`/documents/recognition-decision/${encodeURIComponent(globalId("Round", communeRoundId))}.pdf`, so),
    );
    expect(text).toContain("QUYẾT ĐỊNH");
    // Another type's id is no round.
    const wrong = await get(
      `/documents/recognition-decision/${encodeURIComponent(globalId("Assessment", recognisedId))}.pdf`,
      so,
    );
    expect(wrong.status).toBe(404);
  });

  it("is issued by the district for the officer who recognises its communes", async () => {
    const text = await pdfText(await get(`/documents/recognition-decision/${communeRoundId}.pdf`, officer));
    expect(text).toContain("ỦY BAN NHÂN DÂN HUYỆN YÊN KHÁNH");
  });

  it("is 404 for another province, a unit editor and anonymous", async () => {
    for (const who of [hanoi, editor, undefined]) {
      const r = await get(`/documents/recognition-decision/${communeRoundId}.pdf`, who);
      expect(r.status).toBe(404);
      expect(await r.text()).toBe("Không tìm thấy / not found");
    }
  });
});

describe("the province's yearly report", () => {
  const year = () => api.prisma.round.findFirstOrThrow({ where: { id: communeRoundId } }).then((r) => r.year);

  it("is a draft report of the year's level rounds to the ministry, with both annexes, for the province", async () => {
    const y = await year();
    const where = { round: { tenantId: DEMO_TENANT, year: y, judgedBy: "levels" } };
    const total = await api.prisma.assessment.count({ where });
    const recognised = await api.prisma.assessment.count({ where: { ...where, status: "RECOGNISED" as const } });
    expect(recognised).toBeGreaterThan(0);
    const text = await pdfText(await get(`/documents/province-report/${DEMO_TENANT}-${y}.pdf`, so), "report.pdf");
    expect(text).toContain("DỰ THẢO");
    expect(text).toContain("ỦY BAN NHÂN DÂN TỈNH NINH BÌNH");
    expect(text).toContain("BÁO CÁO");
    expect(text).toContain(`Kết quả đánh giá, xét công nhận mức độ chuyển đổi số năm ${y}`);
    expect(text).toContain(`đã đánh giá ${total} đơn vị; ${recognised} đơn vị được công nhận`);
    expect(text).toContain("Phụ lục I");
    expect(text).toContain("Phụ lục II");
    expect(text).toContain(`Tổng cộng ${total}`);
    expect(text).toContain("CQS-01");
  });

  it("is 404 for another province, a unit editor, anonymous, and a year without a round", async () => {
    const y = await year();
    for (const who of [hanoi, editor, undefined]) {
      const r = await get(`/documents/province-report/${DEMO_TENANT}-${y}.pdf`, who);
      expect(r.status).toBe(404);
    }
    expect((await get(`/documents/province-report/${DEMO_TENANT}-2030.pdf`, so)).status).toBe(404);
    expect((await get(`/documents/province-report/${DEMO_TENANT}.pdf`, so)).status).toBe(404);
  });
});

describe("appraisal minutes", () => {
  it("list the round's appraised units, self-assessed against appraised, for the Sở", async () => {
    const units = await api.prisma.assessment.findMany({
      where: { roundId: communeRoundId, status: { in: ["APPRAISED", "RECOGNISED"] } },
      include: { unit: true },
    });
    const text = await pdfText(await get(`/documents/appraisal-minutes/${communeRoundId}.pdf`, so), "minutes.pdf");
    expect(text).toContain("BIÊN BẢN");
    expect(text).toContain("DỰ THẢO");
    expect(text).toContain("Tự đánh giá");
    for (const u of units) expect(text).toContain(u.unit.name);
  });

  it("are open to the appraisal council of the district", async () => {
    const council = await api.as("thamdinh.yenkhanh@ninhbinh.gov.vn");
    expect((await get(`/documents/appraisal-minutes/${communeRoundId}.pdf`, council)).status).toBe(200);
  });

  it("are 404 for another province and anonymous", async () => {
    expect((await get(`/documents/appraisal-minutes/${communeRoundId}.pdf`, hanoi)).status).toBe(404);
    expect((await get(`/documents/appraisal-minutes/${communeRoundId}.pdf`)).status).toBe(404);
  });
});
