import PDFDocument from "pdfkit";
import { type FontFace, loadFonts } from "./fonts.ts";
import { formatLongDate } from "./format.ts";
import { type DocumentMeta, headerOf, isDraft } from "./types.ts";

/** Millimetres to PDF points. */
export const mm = (value: number) => (value * 72) / 25.4;

/**
 * Nghị định 30/2020/NĐ-CP, Phụ lục I, Phần I: A4, top and bottom margins
 * 20–25 mm, left 30–35 mm, right 15–20 mm. The smallest margins are taken so
 * that a table of 150 units needs as few pages as the decree allows.
 */
export const MARGINS = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) } as const;
/** Body text 13 pt (decree: 13–14 pt). */
export const BODY_SIZE = 13;
const TABLE_SIZE = 12;
const LINE_GAP = 1.5;
const PARAGRAPH_GAP = 6; // decree: at least 6 pt between paragraphs
const INDENT = mm(10); // decree: first-line indent 1–1,27 cm
const CLOSING_LEFT_WIDTH = mm(75);

/** "- Như Điều 3;" … "- Lưu: VT." */
function recipientItems(recipients: string[] | undefined): string[] {
  return (recipients ?? []).map((r, i, all) => {
    const t = r.trim().replace(/[;.,]$/, "");
    return `- ${t}${i === all.length - 1 ? "." : ";"}`;
  });
}

/** Header columns: the issuing body left, Quốc hiệu right (the decree's sơ đồ bố trí). */
const HEADER_LEFT_WIDTH = mm(70);

export interface HeaderBlock {
  /** Cơ quan chủ quản trực tiếp, printed uppercase, regular, e.g. "UBND TỈNH NINH BÌNH". */
  parentAgency?: string;
  /** Cơ quan ban hành, printed uppercase and bold, e.g. "SỞ KHOA HỌC VÀ CÔNG NGHỆ". */
  issuer: string;
  /** The number; left out, a blank is left to fill when the document is registered. */
  number?: string;
  /** Ký hiệu, e.g. "QĐ-UBND". */
  symbol: string;
  /** Địa danh, e.g. "Ninh Bình". */
  place: string;
  /** yyyy-mm-dd; left out, "ngày … tháng …" are left blank. */
  date?: string;
  year: number;
}

export interface TableColumn {
  header: string;
  /** Relative width; the columns share the text width in proportion. */
  width: number;
  align?: "left" | "center" | "right";
  /** Keep each cell on one line ("Mức 5 (Toàn diện)"); the other columns give way. */
  nowrap?: boolean;
}

export type TableRow = { cells: string[]; bold?: boolean } | { section: string };

export interface SignatureBlock {
  /** Quyền hạn lines, uppercase bold, e.g. ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]. */
  authority?: string[];
  /** Chức vụ, e.g. "PHÓ CHỦ TỊCH". */
  title: string;
  /** Họ và tên; left out, a dotted line is left. */
  name?: string;
  /** Placeholder under the title; default "(Ký, ghi rõ họ tên, đóng dấu)". */
  hint?: string;
}

export interface PageOptions {
  draft: boolean;
  /**
   * "decree": Arabic numerals centred in the top margin from page 2
   * (Phụ lục I, Phần I, số trang). "trang-x-y": "Trang x/y" at the bottom of every
   * page, for reports read loose with their annexes.
   */
  pageNumbers: "decree" | "trang-x-y";
  title: string;
  author: string;
}

/**
 * A pdfkit document laid out as an administrative document. Every block
 * method starts at the current y and leaves y below itself; blocks that must
 * not split (a table row, the signature) move to a new page as a whole.
 */
export class OfficialPdf {
  readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Uint8Array>;

  constructor(private readonly options: PageOptions) {
    this.doc = new PDFDocument({
      size: "A4",
      margins: { ...MARGINS },
      bufferPages: true,
      info: { Title: options.title, Author: options.author, Creator: "@cds/documents" },
    });
    const fonts = loadFonts();
    for (const face of Object.keys(fonts) as FontFace[]) this.doc.registerFont(face, fonts[face]);
    this.done = new Promise((resolve, reject) => {
      this.doc.on("data", (chunk: Buffer) => this.chunks.push(chunk));
      this.doc.on("end", () => resolve(new Uint8Array(Buffer.concat(this.chunks))));
      this.doc.on("error", reject);
    });
    this.font("regular", BODY_SIZE);
    if (options.draft) this.draftLabel();
  }

  get left(): number {
    return MARGINS.left;
  }
  get width(): number {
    return this.doc.page.width - MARGINS.left - MARGINS.right;
  }
  get bottom(): number {
    return this.doc.page.height - MARGINS.bottom;
  }

  font(face: FontFace, size: number): this {
    this.doc.font(face).fontSize(size);
    return this;
  }

  /** A boxed "DỰ THẢO" in the top margin of page 1, where drafts carry it. */
  private draftLabel(): void {
    const { doc } = this;
    this.font("bold", 12);
    const text = "DỰ THẢO";
    const w = doc.widthOfString(text) + mm(6);
    const x = doc.page.width - MARGINS.right - w;
    const y = mm(7);
    doc.lineWidth(0.8).rect(x, y, w, mm(8)).stroke();
    doc.text(text, x, y + (mm(8) - doc.currentLineHeight()) / 2 + 1, { width: w, align: "center", lineBreak: false });
    doc.x = MARGINS.left;
    doc.y = MARGINS.top;
  }

  /** Moves to a new page unless `height` still fits above the bottom margin. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.newPage();
  }

  newPage(): void {
    this.doc.addPage();
    this.doc.x = MARGINS.left;
    this.doc.y = MARGINS.top;
  }

  gap(points: number): void {
    this.doc.y += points;
  }

  /** Writes lines centred in a column and returns the y under them. */
  private centred(
    lines: { text: string; face: FontFace; size: number }[],
    x: number,
    y: number,
    width: number,
  ): number {
    const { doc } = this;
    let cy = y;
    for (const line of lines) {
      this.font(line.face, line.size);
      doc.text(line.text, x, cy, { width, align: "center", lineGap: 0 });
      cy = doc.y;
    }
    return cy;
  }

  /** A centred rule of `length` under y. */
  private rule(centreX: number, y: number, length: number): void {
    this.doc
      .lineWidth(0.6)
      .moveTo(centreX - length / 2, y)
      .lineTo(centreX + length / 2, y)
      .stroke();
  }

  /**
   * Phụ lục I (sơ đồ bố trí): left, the issuing body (parent agency
   * regular, issuer bold, a rule of 1/3–1/2 of the line under it) and "Số:";
   * right, Quốc hiệu (bold, 12–13 pt), Tiêu ngữ (bold, 13–14 pt, a rule as
   * long as the line), then place and date in italics.
   */
  header(h: HeaderBlock): void {
    const { doc } = this;
    const top = MARGINS.top;
    const lx = MARGINS.left;
    const lw = HEADER_LEFT_WIDTH;
    const rx = lx + lw;
    const rw = this.width - lw;

    const leftLines = [
      ...(h.parentAgency ? [{ text: h.parentAgency.toUpperCase(), face: "regular" as const, size: 12 }] : []),
      { text: h.issuer.toUpperCase(), face: "bold" as const, size: 12 },
    ];
    let ly = this.centred(leftLines, lx, top, lw);
    this.font("bold", 12);
    const issuerWidth = Math.min(doc.widthOfString(h.issuer.toUpperCase()), lw);
    ly += 2;
    this.rule(lx + lw / 2, ly, Math.max(lw / 3, Math.min(issuerWidth / 2, lw / 2)));
    ly += 8;

    let ry = this.centred(
      [
        { text: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", face: "bold", size: 12 },
        { text: "Độc lập - Tự do - Hạnh phúc", face: "bold", size: 13 },
      ],
      rx,
      top,
      rw,
    );
    this.font("bold", 13);
    ry += 2;
    this.rule(rx + rw / 2, ry, doc.widthOfString("Độc lập - Tự do - Hạnh phúc"));
    ry += 8;

    // Số and date sit on one baseline, as in the decree's sample.
    const numberY = Math.max(ly, ry);
    this.font("regular", 13);
    const number = h.number ?? "      ";
    doc.text(`Số: ${number}/${h.symbol}`, lx, numberY, { width: lw, align: "center" });
    ly = doc.y;
    this.font("italic", 13);
    doc.text(`${h.place}, ${formatLongDate(h.date, h.year, "date")}`, rx, numberY, { width: rw, align: "center" });
    ry = doc.y;

    doc.x = MARGINS.left;
    doc.y = Math.max(ly, ry) + 14;
  }

  /** Tên loại (uppercase bold) and trích yếu (bold) with a short rule under it. */
  title(kind: string, subject?: string): void {
    const { doc } = this;
    this.ensureSpace(80);
    this.font("bold", 14);
    doc.text(kind.toUpperCase(), MARGINS.left, doc.y, { width: this.width, align: "center" });
    if (subject) {
      this.font("bold", 13);
      // Balance the lines of the trích yếu: the narrowest width that needs no
      // more lines than the full one, so no lone "2026" hangs on the last line.
      const full = this.width - mm(20);
      const lines = (w: number) => doc.heightOfString(subject, { width: w });
      const target = lines(full);
      let lo = full / 2;
      let hi = full;
      while (hi - lo > 2) {
        const mid = (lo + hi) / 2;
        if (lines(mid) > target) lo = mid;
        else hi = mid;
      }
      doc.text(subject, MARGINS.left + (this.width - hi) / 2, doc.y + 1, { width: hi, align: "center" });
    }
    this.rule(MARGINS.left + this.width / 2, doc.y + 5, this.width / 4);
    doc.x = MARGINS.left;
    doc.y += 16;
  }

  /** A centred line: the issuing authority, "QUYẾT ĐỊNH:", an annex heading. */
  centredLine(text: string, face: FontFace = "bold", size = BODY_SIZE, after = PARAGRAPH_GAP): void {
    const { doc } = this;
    this.font(face, size);
    this.ensureSpace(doc.heightOfString(text, { width: this.width }) + 2);
    doc.text(text, MARGINS.left, doc.y, { width: this.width, align: "center", lineGap: LINE_GAP });
    doc.y += after;
  }

  /** A section heading ("I. THÀNH PHẦN THAM DỰ"), kept with three lines of what follows. */
  heading(text: string): void {
    this.font("regular", BODY_SIZE);
    this.ensureSpace(4 * (this.doc.currentLineHeight() + LINE_GAP) + PARAGRAPH_GAP);
    this.paragraph(text, { face: "bold", indent: false });
  }

  /**
   * A justified paragraph with a first-line indent. `lead` is printed bold
   * before the text ("Điều 1. ", "1. "), on the same line.
   */
  paragraph(
    text: string,
    opts: {
      face?: FontFace;
      lead?: string;
      indent?: boolean;
      size?: number;
      align?: "justify" | "left" | "center";
      /** Height of what must follow on the same page (the signature after the last paragraph). */
      keepWithNext?: number;
    } = {},
  ): void {
    const { doc } = this;
    const size = opts.size ?? BODY_SIZE;
    const base = {
      width: this.width,
      align: opts.align ?? ("justify" as const),
      indent: opts.indent === false ? 0 : INDENT,
      lineGap: LINE_GAP,
    };
    this.font(opts.face ?? "regular", size);
    // Keep at least two lines together at the bottom of a page, and the
    // whole paragraph with what must follow it.
    if (opts.keepWithNext !== undefined) {
      this.font("regular", size);
      const own = doc.heightOfString((opts.lead ?? "") + text, { ...base });
      this.ensureSpace(own + PARAGRAPH_GAP + opts.keepWithNext);
      this.font(opts.face ?? "regular", size);
    }
    this.ensureSpace(2 * (doc.currentLineHeight() + LINE_GAP));
    doc.x = MARGINS.left;
    if (opts.lead) {
      this.font("bold", size);
      doc.text(opts.lead, MARGINS.left, doc.y, { ...base, continued: true });
      this.font(opts.face ?? "regular", size);
      doc.text(text, { ...base, indent: 0 });
    } else {
      doc.text(text, MARGINS.left, doc.y, base);
    }
    doc.x = MARGINS.left;
    doc.y += PARAGRAPH_GAP;
  }

  /**
   * A bordered table. The header row is repeated at the top of every page
   * the table reaches; a row is never split (it moves to the next page
   * whole); `section` rows span all columns.
   */
  table(columns: TableColumn[], rows: TableRow[], opts: { size?: number } = {}): void {
    const { doc } = this;
    const size = opts.size ?? TABLE_SIZE;
    const padX = 4;
    const padY = 3;
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = this.fitColumns(
      columns.map((c) => (c.width / total) * this.width),
      columns.map((c, i) => {
        // A column is never narrower than its longest word ("STT", "CQS-01"):
        // pdfkit would otherwise break the word inside the cell.
        const words = (text: string) => (c.nowrap ? [text] : text.split(/\s+/).filter(Boolean));
        this.font("bold", size);
        let min = Math.max(0, ...c.header.split(/\s+/).map((w) => doc.widthOfString(w)));
        this.font("regular", size);
        for (const row of rows) {
          if ("section" in row) continue;
          if (row.bold) this.font("bold", size);
          min = Math.max(min, ...words(row.cells[i] ?? "").map((w) => doc.widthOfString(w)));
          if (row.bold) this.font("regular", size);
        }
        return min + 2 * padX + 1;
      }),
    );

    const cellHeight = (text: string, w: number, face: FontFace) => {
      this.font(face, size);
      return doc.heightOfString(text || " ", { width: w - 2 * padX, lineGap: 0 });
    };
    const drawRow = (cells: { text: string; width: number; align: TableColumn["align"] }[], face: FontFace) => {
      const h = Math.max(...cells.map((c) => cellHeight(c.text, c.width, face))) + 2 * padY;
      let x = MARGINS.left;
      const y = doc.y;
      doc.lineWidth(0.6);
      for (const cell of cells) {
        doc.rect(x, y, cell.width, h).stroke();
        const th = cellHeight(cell.text, cell.width, face);
        this.font(face, size);
        doc.text(cell.text, x + padX, y + (h - th) / 2, {
          width: cell.width - 2 * padX,
          align: cell.align ?? "left",
          lineGap: 0,
        });
        x += cell.width;
      }
      doc.x = MARGINS.left;
      doc.y = y + h;
    };
    const headerCells = columns.map((c, i) => ({ text: c.header, width: widths[i] ?? 0, align: "center" as const }));
    const headerHeight = Math.max(...headerCells.map((c) => cellHeight(c.text, c.width, "bold"))) + 2 * padY;
    const rowCells = (row: TableRow) =>
      "section" in row
        ? [{ text: row.section, width: this.width, align: "left" as const }]
        : columns.map((c, i) => ({ text: row.cells[i] ?? "", width: widths[i] ?? 0, align: c.align }));
    const rowFace = (row: TableRow): FontFace => ("section" in row || row.bold ? "bold" : "regular");
    const rowHeight = (row: TableRow) =>
      Math.max(...rowCells(row).map((c) => cellHeight(c.text, c.width, rowFace(row)))) + 2 * padY;

    const first = rows[0];
    this.ensureSpace(headerHeight + (first ? rowHeight(first) : 0));
    drawRow(headerCells, "bold");
    for (const row of rows) {
      const h = rowHeight(row);
      if (doc.y + h > this.bottom) {
        this.newPage();
        drawRow(headerCells, "bold");
      }
      drawRow(rowCells(row), rowFace(row));
    }
    doc.y += PARAGRAPH_GAP + 4;
  }

  /** Raises columns below their minimum and takes the difference from the others' slack. */
  private fitColumns(widths: number[], minimums: number[]): number[] {
    const out = widths.map((w, i) => Math.max(w, minimums[i] ?? 0));
    const excess = out.reduce((s, w) => s + w, 0) - this.width;
    if (excess <= 0) return out;
    const slack = out.map((w, i) => Math.max(0, w - (minimums[i] ?? 0)));
    const totalSlack = slack.reduce((s, v) => s + v, 0);
    if (totalSlack <= 0) return out;
    return out.map((w, i) => w - (excess * (slack[i] ?? 0)) / totalSlack);
  }

  private signatureHeight(s: SignatureBlock, width: number): number {
    const { doc } = this;
    this.font("bold", 13);
    let h = 0;
    for (const line of [...(s.authority ?? []), s.title]) h += doc.heightOfString(line, { width });
    this.font("italic", 11);
    h += doc.heightOfString(s.hint ?? "(Ký, ghi rõ họ tên, đóng dấu)", { width });
    return h + mm(24) + 20;
  }

  private drawSignature(s: SignatureBlock, x: number, y: number, width: number): number {
    let cy = this.centred(
      [...(s.authority ?? []), s.title].map((text) => ({ text: text.toUpperCase(), face: "bold" as const, size: 13 })),
      x,
      y,
      width,
    );
    cy = this.centred([{ text: s.hint ?? "(Ký, ghi rõ họ tên, đóng dấu)", face: "italic", size: 11 }], x, cy, width);
    cy += mm(24);
    return this.centred([{ text: s.name ?? "…………………………", face: "bold", size: 13 }], x, cy, width);
  }

  private recipientsHeight(recipients: string[], width: number): number {
    this.font("regular", 11);
    return recipients.reduce((h, r) => h + this.doc.heightOfString(r, { width }), 16);
  }

  /**
   * Nơi nhận on the left (label bold italic 12 pt, items 11 pt, each after a
   * dash, ";" between and "." after the last) and the signature on the right,
   * on one page together.
   */
  closing(signature: SignatureBlock, recipients?: string[]): void {
    const { doc } = this;
    const lw = CLOSING_LEFT_WIDTH;
    const rx = MARGINS.left + lw;
    const rw = this.width - lw;
    const items = recipientItems(recipients);
    const h = this.closingHeight(signature, recipients);
    doc.y += 4;
    this.ensureSpace(h);
    const top = doc.y;
    let ly = top;
    if (items.length) {
      this.font("boldItalic", 12);
      doc.text("Nơi nhận:", MARGINS.left, top, { width: lw });
      this.font("regular", 11);
      for (const item of items) doc.text(item, MARGINS.left, doc.y, { width: lw - mm(5) });
      ly = doc.y;
    }
    const ry = this.drawSignature(signature, rx, top, rw);
    doc.x = MARGINS.left;
    doc.y = Math.max(ly, ry) + 10;
  }

  /** The height `closing` needs, for `keepWithNext` on the paragraph before it. */
  closingHeight(signature: SignatureBlock, recipients?: string[]): number {
    const items = recipientItems(recipients);
    const rw = this.width - CLOSING_LEFT_WIDTH;
    return (
      Math.max(
        this.signatureHeight(signature, rw),
        items.length ? this.recipientsHeight(items, CLOSING_LEFT_WIDTH) : 0,
      ) + 4
    );
  }

  /** The height `twoSignatures` needs. */
  twoSignaturesHeight(left: SignatureBlock, right: SignatureBlock): number {
    const w = this.width / 2;
    return Math.max(this.signatureHeight(left, w), this.signatureHeight(right, w)) + 6;
  }

  /** Two signatures side by side (biên bản: thư ký left, chủ trì right). */
  twoSignatures(left: SignatureBlock, right: SignatureBlock): void {
    const { doc } = this;
    const w = this.width / 2;
    doc.y += 6;
    this.ensureSpace(Math.max(this.signatureHeight(left, w), this.signatureHeight(right, w)));
    const top = doc.y;
    const a = this.drawSignature(left, MARGINS.left, top, w);
    const b = this.drawSignature(right, MARGINS.left + w, top, w);
    doc.x = MARGINS.left;
    doc.y = Math.max(a, b) + 10;
  }

  /** Draws the page furniture on every page and returns the PDF bytes. */
  async finish(): Promise<Uint8Array> {
    const { doc } = this;
    const range = doc.bufferedPageRange();
    const count = range.count;
    for (let i = range.start; i < range.start + count; i++) {
      doc.switchToPage(i);
      const page = doc.page;
      const savedBottom = page.margins.bottom;
      page.margins.bottom = 0; // writing in the margin must not open a page
      if (this.options.draft) this.watermark();
      if (this.options.pageNumbers === "decree" && i > range.start) {
        this.font("regular", 13);
        doc.text(String(i - range.start + 1), MARGINS.left, mm(10), {
          width: this.width,
          align: "center",
          lineBreak: false,
        });
      }
      if (this.options.pageNumbers === "trang-x-y") {
        this.font("regular", 11);
        doc.text(`Trang ${i - range.start + 1}/${count}`, MARGINS.left, page.height - mm(13), {
          width: this.width,
          align: "center",
          lineBreak: false,
        });
      }
      page.margins.bottom = savedBottom;
    }
    doc.end();
    return this.done;
  }

  /** A light diagonal "DỰ THẢO" so that any loose page shows it is a draft. */
  private watermark(): void {
    const { doc } = this;
    const cx = doc.page.width / 2;
    const cy = doc.page.height / 2;
    doc.save();
    doc.rotate(-40, { origin: [cx, cy] });
    this.font("bold", 96);
    doc.fillColor("#000000").fillOpacity(0.07);
    const w = doc.widthOfString("DỰ THẢO");
    doc.text("DỰ THẢO", cx - w / 2, cy - 48, { lineBreak: false });
    doc.restore();
    doc.fillColor("#000000").fillOpacity(1);
  }
}

/**
 * Opens an official document the one way: the PDF's title and author, the header (with `symbol`
 * unless the document gives its own) and the title block "kind / subject".
 */
export function openDocument(
  meta: DocumentMeta,
  o: { symbol: string; kind: string; subject: string; pdfTitle?: string; pageNumbers?: PageOptions["pageNumbers"] },
): OfficialPdf {
  const pdf = new OfficialPdf({
    draft: isDraft(meta),
    pageNumbers: o.pageNumbers ?? "decree",
    title: o.pdfTitle ?? `${o.kind} ${o.subject}`,
    author: meta.issuer.name,
  });
  pdf.header(headerOf(meta, o.symbol));
  pdf.title(o.kind, o.subject);
  return pdf;
}
