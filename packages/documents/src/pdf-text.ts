/**
 * Test support: reads a PDF back with pdfjs-dist (the legacy build runs in
 * Node without a DOM) and returns each page's text and positioned items.
 */
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

export interface PdfItem {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PdfPage {
  /** The page's text with runs of white space collapsed to one space. */
  text: string;
  items: PdfItem[];
  width: number;
  height: number;
}

export async function readPdf(bytes: Uint8Array): Promise<PdfPage[]> {
  const doc = await getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: PdfPage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const view = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const items: PdfItem[] = [];
    let raw = "";
    for (const item of content.items) {
      if (!("str" in item)) continue;
      raw += item.str + (item.hasEOL ? "\n" : "");
      items.push({ str: item.str, x: item.transform[4], y: item.transform[5], width: item.width, height: item.height });
    }
    pages.push({ text: raw.replace(/\s+/g, " "), items, width: view.width, height: view.height });
  }
  await doc.destroy();
  return pages;
}

export const allText = (pages: PdfPage[]) => pages.map((p) => p.text).join(" ");

const MM = 72 / 25.4;

/**
 * Text items that leave the decree's text area (left 30 mm, right 15 mm,
 * top and bottom 20 mm). Page furniture that lives in the margins by design
 * is left out: the page number, "Trang x/y", the "DỰ THẢO" label and the
 * diagonal watermark.
 */
export function outsideTextArea(pages: PdfPage[]): string[] {
  const bad: string[] = [];
  pages.forEach((page, i) => {
    for (const it of page.items) {
      if (!it.str.trim()) continue;
      if (it.str === "DỰ THẢO" || /^(Trang \d+\/\d+|\d+)$/.test(it.str.trim())) continue;
      const left = it.x >= 30 * MM - 0.5;
      const right = it.x + it.width <= page.width - 15 * MM + 0.5;
      const bottom = it.y >= 20 * MM - 4; // baseline; descenders may dip a little
      const top = it.y + it.height <= page.height - 20 * MM + 4;
      if (!(left && right && bottom && top))
        bad.push(`page ${i + 1}: "${it.str}" at ${it.x.toFixed(1)},${it.y.toFixed(1)}`);
    }
  });
  return bad;
}

/** A document read back: its pages and all their text. */
export async function readDocument(bytes: Uint8Array): Promise<{ pages: PdfPage[]; text: string }> {
  const pages = await readPdf(bytes);
  return { pages, text: allText(pages) };
}

/** The national name and motto that head every official document (Nghị định 30/2020/NĐ-CP). */
export const NATIONAL_HEADING = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"];

/** The parts not found in `text`: a test expects none, and a failure names every one. */
export const missingFrom = (text: string, parts: string[]): string[] => parts.filter((p) => !text.includes(p));
