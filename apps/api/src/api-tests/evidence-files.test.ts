/**
 * Evidence judged by its bytes (not its name or the client's MIME type), and
 * the unit's editors deleting or replacing evidence while the assessment is
 * editable — audited, refused for other units, other tenants and after submission.
 */
import { crc32, deflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupApi, type Client, type TestApi } from "../testing/harness.ts";
import {
  communeDraft,
  createUnitEditor,
  expectError,
  expectSuccess,
  mutate,
  query,
  submittedCommune,
} from "./helpers.ts";

let api: TestApi;
let editor: Client;
let draftId: string;

const EVIDENCE = "id criterionCode fileName mimeType size sha256";

// ── real files, built byte by byte ──────────────────────────────────────────

/** A minimal valid PDF: header, catalog, page tree, xref table and trailer. */
function pdf(): Uint8Array {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

function u32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n >>> 0);
  return b;
}
const concat = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let i = 0;
  for (const p of parts) {
    out.set(p, i);
    i += p.length;
  }
  return out;
};

/** A 1×1 grey PNG: signature, IHDR, IDAT (zlib), IEND, each chunk with its CRC. */
function png(): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const td = concat([new TextEncoder().encode(type), data]);
    return concat([u32(data.length), td, u32(crc32(td))]);
  };
  const ihdr = concat([u32(1), u32(1), new Uint8Array([8, 0, 0, 0, 0])]);
  return concat([
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", new Uint8Array(deflateSync(new Uint8Array([0, 0x80])))),
    chunk("IEND", new Uint8Array()),
  ]);
}

/** A ZIP archive of stored (uncompressed) entries with local headers, central directory and end record. */
function zip(entries: Record<string, string>): Uint8Array {
  const le = (n: number, bytes: number) => {
    const b = new Uint8Array(bytes);
    for (let i = 0; i < bytes; i++) b[i] = (n >>> (8 * i)) & 0xff;
    return b;
  };
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const nameBytes = new TextEncoder().encode(name);
    const data = new TextEncoder().encode(text);
    const crc = crc32(data);
    const common = [
      le(20, 2),
      le(0, 2),
      le(0, 2),
      le(0, 2),
      le(0x21, 2),
      le(crc, 4),
      le(data.length, 4),
      le(data.length, 4),
      le(nameBytes.length, 2),
      le(0, 2),
    ];
    const local = concat([le(0x04034b50, 4), ...common, nameBytes, data]);
    centrals.push(
      concat([
        le(0x02014b50, 4),
        le(20, 2),
        ...common,
        le(0, 2),
        le(0, 2),
        le(0, 2),
        le(0, 4),
        le(offset, 4),
        nameBytes,
      ]),
    );
    locals.push(local);
    offset += local.length;
  }
  const central = concat(centrals);
  const end = concat([
    le(0x06054b50, 4),
    le(0, 2),
    le(0, 2),
    le(centrals.length, 2),
    le(centrals.length, 2),
    le(central.length, 4),
    le(offset, 4),
    le(0, 2),
  ]);
  return concat([...locals, central, end]);
}

const OOXML = "application/vnd.openxmlformats-officedocument";
function ooxml(kind: "word" | "xl"): Uint8Array {
  const main =
    kind === "word"
      ? ["/word/document.xml", `${OOXML}.wordprocessingml.document.main+xml`]
      : ["/xl/workbook.xml", `${OOXML}.spreadsheetml.sheet.main+xml`];
  return zip({
    "[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="${main[0]}" ContentType="${main[1]}"/></Types>`,
    [main[0]!.slice(1)]:
      kind === "word"
        ? `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>`
        : `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>`,
  });
}

/** An OLE compound file header (legacy .doc / .xls). */
function cfb(): Uint8Array {
  const b = new Uint8Array(1024);
  b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  return b;
}

/** A Windows executable: "MZ" header and a PE offset. */
function exe(): Uint8Array {
  const b = new Uint8Array(512);
  b.set([0x4d, 0x5a, 0x90, 0x00, 0x03]);
  b.set([0x50, 0x45, 0, 0], 0x80);
  b[0x3c] = 0x80;
  return b;
}

const file = (bytes: Uint8Array, name: string, type: string) =>
  new File([bytes as Uint8Array<ArrayBuffer>], name, { type });

const upload = (c: Client, f: File, code = "CQS-01") =>
  mutate(
    c,
    "uploadEvidence",
    "$id: ID!, $code: String!, $file: File!",
    "assessmentId: $id, criterionCode: $code, file: $file",
    EVIDENCE,
    { id: draftId, code },
    f,
  );
const replace = (c: Client, id: string, f: File) =>
  mutate(c, "replaceEvidence", "$id: ID!, $file: File!", "id: $id, file: $file", EVIDENCE, { id }, f);
const remove = (c: Client, id: string) => mutate(c, "deleteEvidence", "$id: ID!", "id: $id", EVIDENCE, { id });

const history = async (id = draftId) =>
  (await query(editor, `query ($id: ID!) { assessment(id: $id) { history { action before after } } }`, { id }))
    .assessment.history;

beforeAll(async () => {
  api = await setupApi();
  const c = await communeDraft(api);
  editor = c.editor;
  draftId = c.draft.id;
});
afterAll(async () => {
  await api?.close();
});

describe("evidence type judged from the content", () => {
  it.each([
    ["bien-ban.pdf", pdf, "application/pdf", "application/pdf"],
    ["anh-chup.png", png, "image/png", "image/png"],
    // The client's type is ignored: the bytes decide what is stored.
    ["anh-khong-ro-loai.png", png, "application/octet-stream", "image/png"],
    ["bao-cao.docx", () => ooxml("word"), "application/octet-stream", `${OOXML}.wordprocessingml.document`],
    ["so-lieu.xlsx", () => ooxml("xl"), `${OOXML}.spreadsheetml.sheet`, `${OOXML}.spreadsheetml.sheet`],
    ["cong-van.doc", cfb, "application/msword", "application/msword"],
    ["bang-tinh.xls", cfb, "", "application/vnd.ms-excel"],
  ])("%s is accepted and stored as %s", async (name, bytes, sentType, stored) => {
    const ev = expectSuccess(await upload(editor, file(bytes(), name, sentType)));
    expect(ev).toMatchObject({ fileName: name, mimeType: stored });
    expect((await api.prisma.evidence.findFirstOrThrow({ where: { id: ev.id } })).mimeType).toBe(stored);
  });

  it("an .exe renamed .pdf and sent as application/pdf is refused, saying what it really is", async () => {
    const before = await api.prisma.evidence.count();
    const r = expectError(await upload(editor, file(exe(), "quyet-dinh.pdf", "application/pdf")), "InputError");
    expect(r.issues!.map((i) => i.field)).toEqual(["file"]);
    expect(r.issues![0]!.message).toContain("thực chất là EXE");
    expect(r.issues![0]!.message).toContain("quyet-dinh.pdf");
    expect(await api.prisma.evidence.count()).toBe(before);
  });

  it("an OLE file that is not named .doc/.xls, and text named .pdf, are refused", async () => {
    expect(
      expectError(await upload(editor, file(cfb(), "cai-dat.msi", "application/msword")), "InputError").issues![0]!
        .field,
    ).toBe("file");
    const text = expectError(
      await upload(editor, file(new TextEncoder().encode("xin chào"), "ghi-chu.pdf", "application/pdf")),
      "InputError",
    );
    expect(text.issues![0]).toMatchObject({ field: "file" });
    expect(text.issues![0]!.message).toContain("không nhận ra");
  });
});

describe("deleting and replacing evidence", () => {
  it("the unit's editor replaces a file in place (same id and criterion), audited before → after", async () => {
    const ev = expectSuccess(await upload(editor, file(pdf(), "ban-nhap.pdf", "application/pdf"), "CQS-02"));
    const next = expectSuccess(await replace(editor, ev.id, file(png(), "ban-chinh-thuc.png", "image/png")));
    expect(next).toMatchObject({
      id: ev.id,
      criterionCode: "CQS-02",
      fileName: "ban-chinh-thuc.png",
      mimeType: "image/png",
    });
    expect(next.sha256).not.toBe(ev.sha256);
    expect(await history()).toContainEqual({
      action: "assessment.replaceEvidence",
      before: expect.objectContaining({ evidenceId: ev.id, fileName: "ban-nhap.pdf", sha256: ev.sha256 }),
      after: expect.objectContaining({ evidenceId: ev.id, fileName: "ban-chinh-thuc.png", sha256: next.sha256 }),
    });
  });

  it("a replacement is judged by its bytes like an upload", async () => {
    const ev = expectSuccess(await upload(editor, file(pdf(), "giu-nguyen.pdf", "application/pdf")));
    const r = expectError(await replace(editor, ev.id, file(exe(), "giu-nguyen.pdf", "application/pdf")), "InputError");
    expect(r.issues!.map((i) => i.field)).toEqual(["file"]);
    expect(await api.prisma.evidence.findFirstOrThrow({ where: { id: ev.id } })).toMatchObject({
      fileName: "giu-nguyen.pdf",
      sha256: ev.sha256,
    });
  });

  it("the unit's editor deletes a file, audited with what was deleted", async () => {
    const ev = expectSuccess(await upload(editor, file(pdf(), "nham-tep.pdf", "application/pdf")));
    expect(expectSuccess(await remove(editor, ev.id))).toMatchObject({ id: ev.id, fileName: "nham-tep.pdf" });
    expect(await api.prisma.evidence.findFirst({ where: { id: ev.id } })).toBeNull();
    const listed = (
      await query(editor, `query ($id: ID!) { assessment(id: $id) { evidence { id } } }`, { id: draftId })
    ).assessment.evidence;
    expect(listed).not.toContainEqual({ id: ev.id });
    expect((await history()).at(-1)).toEqual({
      action: "assessment.deleteEvidence",
      before: expect.objectContaining({ evidenceId: ev.id, fileName: "nham-tep.pdf", sha256: ev.sha256 }),
      after: null,
    });
    // Gone is gone: a second delete finds nothing.
    expectError(await remove(editor, ev.id), "NotFoundError");
  });

  it("is refused for another unit's editor, the reviewing officer, another province, and without CSRF", async () => {
    const ev = expectSuccess(await upload(editor, file(pdf(), "cua-xa.pdf", "application/pdf")));
    const otherUnit = await api.as(await createUnitEditor(api, "14566"));
    expectError(await remove(otherUnit, ev.id), "NotFoundError");
    // The district's own editor sees its communes but is not their staff.
    const district = await api.as("huyen.yenkhanh@ninhbinh.gov.vn");
    expectError(await remove(district, ev.id), "ForbiddenError");
    const officer = await api.as("phong.yenkhanh@ninhbinh.gov.vn");
    expectError(await remove(officer, ev.id), "ForbiddenError");
    expectError(await replace(officer, ev.id, file(pdf(), "x.pdf", "application/pdf")), "ForbiddenError");
    const hanoi = await api.as("so@hanoi.gov.vn");
    expectError(await remove(hanoi, ev.id), "NotFoundError");
    const noCsrf = await api.as("xa.khanhthien@ninhbinh.gov.vn");
    noCsrf.csrf = null;
    expect(expectError(await remove(noCsrf, ev.id), "ForbiddenError").message).toContain("CSRF");
    expect(await api.prisma.evidence.findFirst({ where: { id: ev.id } })).not.toBeNull();
  });

  it("is refused once the assessment is submitted", async () => {
    const { editor: unitEditor } = await submittedCommune(api);
    // Evidence uploaded before it was submitted.
    const submitted = await api.prisma.assessment.findFirstOrThrow({
      where: { unit: { code: "14566" }, status: "SUBMITTED" },
    });
    const row = await api.prisma.evidence.create({
      data: {
        tenantId: submitted.tenantId,
        assessmentId: submitted.id,
        criterionCode: "CQS-01",
        fileName: "da-nop.pdf",
        mimeType: "application/pdf",
        size: 3,
        sha256: "0".repeat(64),
        storageKey: `00/${"0".repeat(64)}`,
        uploadedById: "seed",
      },
    });
    expect(expectError(await remove(unitEditor, row.id), "WorkflowError").message).toContain("đã nộp");
    expectError(await replace(unitEditor, row.id, file(pdf(), "moi.pdf", "application/pdf")), "WorkflowError");
    expect(await api.prisma.evidence.findFirst({ where: { id: row.id } })).toMatchObject({ sha256: row.sha256 });
  });
});
