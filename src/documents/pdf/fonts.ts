// Tinos (metric-compatible with Times New Roman, the typeface of official documents under Decree 30/2020),
// shipped by @fontsource/tinos as Unicode-range subsets: "latin" (ASCII, Latin-1: â, ê, ô, á…) and
// "vietnamese" (ă, đ, ơ, ư, ạ, ả, ấ…, ₫). A string is drawn as runs, each in the subset that has its glyphs.
// The subsets are small (5–16 KiB each), so they are embedded whole: no per-document subsetting, and their
// objects are the same in every document (built once per process: prebuilt-fonts.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { embedPrebuiltFont } from './prebuilt-fonts.js';
import { woffToSfnt } from './woff.js';

export type Face = 'regular' | 'bold' | 'italic' | 'boldItalic';

const FILES: Record<Face, string> = { regular: '400-normal', bold: '700-normal', italic: '400-italic', boldItalic: '700-italic' };

interface FaceBytes {
  readonly latin: Uint8Array;
  readonly vietnamese: Uint8Array;
  /** Code point → 0 (latin subset) or 1 (vietnamese subset). */
  readonly pick: (codePoint: number) => 0 | 1;
  /** Advance width of a code point in ems (measuring by advances is much cheaper than shaping each string). */
  readonly advance: (codePoint: number) => number;
}

let loaded: Record<Face, FaceBytes> | undefined;

type FontkitFont = ReturnType<typeof fontkit.create>;
const parsed = new Map<Uint8Array, FontkitFont>();

/**
 * fontkit as pdf-lib sees it, with two savings that leave the output unchanged in kind: a font file is parsed
 * once per process (pdf-lib makes its own subset per document), and text is encoded glyph by glyph from the
 * character map instead of being shaped (precomposed NFC Vietnamese needs no ligatures or mark positioning;
 * widths come from advances, as the layout layer measures them).
 */
const sharedFontkit = {
  create(bytes: Uint8Array): FontkitFont {
    let font = parsed.get(bytes);
    if (!font) {
      const created = fontkit.create(bytes);
      const glyphs = (text: string) => Array.from(text, (ch) => created.glyphForCodePoint(ch.codePointAt(0)!));
      (created as unknown as { layout: (text: string) => unknown }).layout = (text: string) => {
        const list = glyphs(text);
        return { glyphs: list, positions: list.map((g) => ({ xAdvance: g.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 })) };
      };
      parsed.set(bytes, created);
      font = created;
    }
    return font;
  },
} as unknown as typeof fontkit;

function fontDirectory(): string {
  const require = createRequire(import.meta.url);
  return require.resolve('@fontsource/tinos/package.json').replace(/package\.json$/, 'files/');
}

function loadFaces(): Record<Face, FaceBytes> {
  if (loaded) return loaded;
  const dir = fontDirectory();
  const faces = {} as Record<Face, FaceBytes>;
  for (const face of Object.keys(FILES) as Face[]) {
    const latin = woffToSfnt(readFileSync(`${dir}tinos-latin-${FILES[face]}.woff`));
    const vietnamese = woffToSfnt(readFileSync(`${dir}tinos-vietnamese-${FILES[face]}.woff`));
    const latinFont = fontkit.create(latin);
    const vietnameseFont = fontkit.create(vietnamese);
    const cache = new Map<number, 0 | 1>();
    const advances = new Map<number, number>();
    faces[face] = {
      latin,
      vietnamese,
      pick: (cp) => {
        let choice = cache.get(cp);
        if (choice === undefined) {
          choice = latinFont.hasGlyphForCodePoint(cp) ? 0 : 1;
          cache.set(cp, choice);
        }
        return choice;
      },
      advance: (cp) => {
        let width = advances.get(cp);
        if (width === undefined) {
          const font = faces[face].pick(cp) === 0 ? latinFont : vietnameseFont;
          width = font.glyphForCodePoint(cp).advanceWidth / font.unitsPerEm;
          advances.set(cp, width);
        }
        return width;
      },
    };
  }
  loaded = faces;
  return faces;
}

/** The font files of a face (its latin and vietnamese subsets), as embedded. */
export function faceFiles(face: Face): { readonly latin: Uint8Array; readonly vietnamese: Uint8Array } {
  const { latin, vietnamese } = loadFaces()[face];
  return { latin, vietnamese };
}

export interface Run {
  readonly text: string;
  readonly font: PDFFont;
}

/** The fonts of one document: embedded (subset) on first use of a face. */
export class DocumentFonts {
  private readonly embedded = new Map<string, PDFFont>();

  private constructor(private readonly doc: PDFDocument) {}

  static async for(doc: PDFDocument): Promise<DocumentFonts> {
    return new DocumentFonts(doc);
  }

  private async font(face: Face, subset: 0 | 1): Promise<PDFFont> {
    const key = `${face}:${subset}`;
    let font = this.embedded.get(key);
    if (!font) {
      const bytes = loadFaces()[face];
      font = await embedPrebuiltFont(this.doc, subset === 0 ? bytes.latin : bytes.vietnamese, sharedFontkit);
      this.embedded.set(key, font);
    }
    return font;
  }

  /** The text (NFC) split into runs of one font each. */
  async runs(text: string, face: Face): Promise<Run[]> {
    const pick = loadFaces()[face].pick;
    const runs: Array<{ text: string; subset: 0 | 1 }> = [];
    for (const ch of text.normalize('NFC')) {
      const subset = pick(ch.codePointAt(0)!);
      const last = runs[runs.length - 1];
      if (last && last.subset === subset) last.text += ch;
      else runs.push({ text: ch, subset });
    }
    const out: Run[] = [];
    for (const r of runs) out.push({ text: r.text, font: await this.font(face, r.subset) });
    return out;
  }

  async width(text: string, face: Face, size: number): Promise<number> {
    const advance = loadFaces()[face].advance;
    let ems = 0;
    for (const ch of text.normalize('NFC')) ems += advance(ch.codePointAt(0)!);
    return ems * size;
  }
}
