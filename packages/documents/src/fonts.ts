import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * The bundled DejaVu Serif Condensed faces (full TrueType from the npm
 * package `dejavu-fonts-ttf`: every Vietnamese precomposed glyph, no subsets,
 * so pdfkit's word wrap sees one font per line). Condensed because its
 * widths are close to Times New Roman's, the face the decree names: a line
 * holds about as many words as the Word original would.
 */
export const FONT_FILES = {
  regular: "DejaVuSerifCondensed.ttf",
  bold: "DejaVuSerifCondensed-Bold.ttf",
  italic: "DejaVuSerifCondensed-Italic.ttf",
  boldItalic: "DejaVuSerifCondensed-BoldItalic.ttf",
} as const;

export type FontFace = keyof typeof FONT_FILES;

let cache: Record<FontFace, Buffer> | undefined;

/** Reads the four faces once per process; no network, no system fonts. */
export function loadFonts(): Record<FontFace, Buffer> {
  if (cache) return cache;
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
  const read = (face: FontFace) => readFileSync(join(dir, FONT_FILES[face]));
  cache = { regular: read("regular"), bold: read("bold"), italic: read("italic"), boldItalic: read("boldItalic") };
  return cache;
}
