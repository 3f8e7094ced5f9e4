// A small layout layer over pdf-lib for administrative forms: a cursor that moves down the page, text in
// Tinos runs (left, centred, right, wrapped), labelled lines, rules, tables with wrapped cells and new pages.
import { beginText, endText, moveText, PDFDocument, rgb, setFontAndSize, showText, type PDFFont, type PDFName, type PDFOperator, type PDFPage } from 'pdf-lib';
import { deflateStreams } from './deflate.js';
import { DocumentFonts, type Face } from './fonts.js';

export const A5: [number, number] = [419.53, 595.28];
export const A4_LANDSCAPE: [number, number] = [841.89, 595.28];

export interface TextStyle {
  readonly size?: number;
  readonly face?: Face;
}

export interface Column {
  readonly title: string;
  /** Share of the table width. */
  readonly weight: number;
  readonly align?: 'left' | 'center';
}

const BLACK = rgb(0, 0, 0);

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

export class Sheet {
  page!: PDFPage;
  /** The baseline of the next line. */
  y = 0;
  readonly left: number;
  readonly right: number;

  private constructor(
    readonly doc: PDFDocument,
    readonly fonts: DocumentFonts,
    private readonly size: [number, number],
    private readonly margin: number,
    readonly bodySize: number,
  ) {
    this.left = margin;
    this.right = size[0] - margin;
    this.newPage();
  }

  /** A new document: its metadata fixed from the snapshot (never "now"), so the same data gives the same bytes. */
  static async create(options: { size: [number, number]; margin: number; bodySize: number; title: string; createdAt: Date }): Promise<Sheet> {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.setTitle(options.title.normalize('NFC'));
    doc.setCreator('MotCua');
    doc.setProducer('MotCua (pdf-lib)');
    doc.setLanguage('vi-VN');
    doc.setCreationDate(options.createdAt);
    doc.setModificationDate(options.createdAt);
    return new Sheet(doc, await DocumentFonts.for(doc), options.size, options.margin, options.bodySize);
  }

  get width(): number {
    return this.right - this.left;
  }

  /** Height kept free at the bottom of the first page (the lookup QR code is drawn there). */
  private firstPageReserve = 0;

  reserveFirstPageBottom(height: number): void {
    this.firstPageReserve = height;
  }

  get firstPage(): PDFPage {
    return this.doc.getPage(0);
  }

  get margins(): number {
    return this.margin;
  }

  /** The lowest baseline text may use on the current page. */
  private floor(): number {
    return this.margin + (this.doc.getPageCount() === 1 ? this.firstPageReserve : 0);
  }

  newPage(): void {
    this.page = this.doc.addPage(this.size);
    this.fontKeys = new Map();
    this.y = this.size[1] - this.margin;
  }

  /** The page's resource name of a font, registered once per page (pdf-lib's drawText adds one per call). */
  private fontKeys = new Map<PDFFont, PDFName>();

  private fontKey(font: PDFFont): PDFName {
    let key = this.fontKeys.get(font);
    if (!key) {
      key = this.page.node.newFontDictionary(font.name, font.ref);
      this.fontKeys.set(font, key);
    }
    return key;
  }

  /** Room for `height` more points on this page, else a new page. */
  ensure(height: number): void {
    if (this.y - height < this.floor()) this.newPage();
  }

  /** One line of text at (x, y) in one text object: the runs follow each other by their advances. */
  async draw(text: string, x: number, y: number, style: TextStyle = {}): Promise<number> {
    const size = style.size ?? this.bodySize;
    const face = style.face ?? 'regular';
    const ops: PDFOperator[] = [beginText(), moveText(round(x), round(y))];
    for (const run of await this.fonts.runs(text, face)) ops.push(setFontAndSize(this.fontKey(run.font), size), showText(run.font.encodeText(run.text)));
    ops.push(endText());
    this.page.pushOperators(...ops);
    return this.fonts.width(text, face, size);
  }

  async drawCentred(text: string, centre: number, y: number, style: TextStyle = {}): Promise<number> {
    const w = await this.fonts.width(text, style.face ?? 'regular', style.size ?? this.bodySize);
    await this.draw(text, centre - w / 2, y, style);
    return w;
  }

  /** Words of `text` in lines no wider than `width` (explicit newlines kept). */
  async wrap(text: string, width: number, style: TextStyle = {}): Promise<string[]> {
    const face = style.face ?? 'regular';
    const size = style.size ?? this.bodySize;
    const lines: string[] = [];
    for (const paragraph of text.normalize('NFC').split('\n')) {
      let line = '';
      for (const word of paragraph.split(/\s+/).filter(Boolean)) {
        const candidate = line ? `${line} ${word}` : word;
        if (line && (await this.fonts.width(candidate, face, size)) > width) {
          lines.push(line);
          line = word;
        } else line = candidate;
      }
      lines.push(line);
    }
    return lines;
  }

  lineHeight(style: TextStyle = {}): number {
    return (style.size ?? this.bodySize) * 1.3;
  }

  /** A wrapped paragraph at the cursor; `indent` for the lines after the first (hanging labels). */
  async paragraph(text: string, style: TextStyle & { align?: 'left' | 'center'; x?: number; width?: number; indent?: number } = {}): Promise<void> {
    const x = style.x ?? this.left;
    const width = style.width ?? this.right - x;
    const lines = await this.wrap(text, width, style);
    for (let i = 0; i < lines.length; i++) {
      this.ensure(this.lineHeight(style));
      const line = lines[i]!;
      if (style.align === 'center') await this.drawCentred(line, x + width / 2, this.y, style);
      else await this.draw(line, x + (i > 0 ? (style.indent ?? 0) : 0), this.y, style);
      this.y -= this.lineHeight(style);
    }
  }

  /** "Label: value" with the label in regular and the value in bold, wrapped under the label. */
  async field(label: string, value: string, style: TextStyle = {}): Promise<void> {
    await this.paragraph(`${label} ${value}`, style);
  }

  gap(points: number): void {
    this.y -= points;
  }

  rule(x1: number, x2: number, y: number, thickness = 0.6): void {
    this.page.drawLine({ start: { x: x1, y }, end: { x: x2, y }, thickness, color: BLACK });
  }

  /** A table with a header row; cells wrap, rows break across pages with the header repeated. */
  async table(columns: readonly Column[], rows: readonly (readonly string[])[], style: TextStyle = {}): Promise<void> {
    const size = style.size ?? this.bodySize - 1;
    const total = columns.reduce((s, c) => s + c.weight, 0);
    const widths = columns.map((c) => (c.weight / total) * this.width);
    const pad = 3;
    const lh = size * 1.3;
    const drawRow = async (cells: readonly string[], face: Face) => {
      const wrapped = await Promise.all(cells.map((c, i) => this.wrap(c, widths[i]! - 2 * pad, { size, face })));
      const height = Math.max(...wrapped.map((l) => l.length)) * lh + 2 * pad;
      if (this.y - height < this.floor()) {
        this.newPage();
        if (face !== 'bold') await drawRow(columns.map((c) => c.title), 'bold');
      }
      const top = this.y;
      let x = this.left;
      for (let i = 0; i < cells.length; i++) {
        const w = widths[i]!;
        this.page.drawRectangle({ x, y: top - height, width: w, height, borderColor: BLACK, borderWidth: 0.5 });
        let ly = top - pad - size;
        for (const line of wrapped[i]!) {
          if (columns[i]!.align === 'center' || face === 'bold') await this.drawCentred(line, x + w / 2, ly, { size, face });
          else await this.draw(line, x + pad, ly, { size, face });
          ly -= lh;
        }
        x += w;
      }
      this.y = top - height;
    };
    await drawRow(columns.map((c) => c.title), 'bold');
    for (const row of rows) await drawRow(row, 'regular');
    // The cursor is a baseline: the next line goes a line below the table's bottom border.
    this.y -= this.lineHeight(style);
  }

  async save(): Promise<Uint8Array> {
    deflateStreams(this.doc);
    // No object streams: the signature placeholder and `qpdf --check` want classic cross-reference tables.
    return this.doc.save({ useObjectStreams: false });
  }
}
