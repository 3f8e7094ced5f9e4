// Fonts embedded whole are the same objects in every document: the font file, its ToUnicode map, its
// descriptor and the width array of every glyph. pdf-lib builds and serialises them again for each document
// (the width array alone is thousands of numbers formatted one by one); here they are built once per process
// by pdf-lib itself, in a scratch document, and each document receives copies in the same order, with the
// same names and numbers — the bytes of a form do not change, only the time to make them.
import type fontkit from '@pdf-lib/fontkit';
import { CustomFontEmbedder, PDFArray, PDFDict, PDFDocument, PDFFont, PDFName, PDFObject, PDFRawStream, PDFRef, type PDFContext } from 'pdf-lib';

/** A direct object serialised once, written verbatim wherever it appears. */
class SerializedObject extends PDFObject {
  constructor(private readonly bytes: Uint8Array) {
    super();
  }
  override clone(): PDFObject {
    return this;
  }
  override toString(): string {
    return Buffer.from(this.bytes).toString('latin1');
  }
  override sizeInBytes(): number {
    return this.bytes.length;
  }
  override copyBytesInto(buffer: Uint8Array, offset: number): number {
    buffer.set(this.bytes, offset);
    return this.bytes.length;
  }
}

function serialized(object: PDFObject): SerializedObject {
  const bytes = new Uint8Array(object.sizeInBytes());
  object.copyBytesInto(bytes, 0);
  return new SerializedObject(bytes);
}

interface Template {
  readonly embedder: CustomFontEmbedder;
  readonly fontFile: PDFRawStream;
  readonly descriptor: PDFDict;
  readonly cidFont: PDFDict;
  readonly widths: SerializedObject;
  readonly toUnicode: PDFRawStream;
  readonly type0: PDFDict;
}

const N = {
  BaseFont: PDFName.of('BaseFont'),
  FontName: PDFName.of('FontName'),
  FontFile2: PDFName.of('FontFile2'),
  FontFile3: PDFName.of('FontFile3'),
  FontDescriptor: PDFName.of('FontDescriptor'),
  DescendantFonts: PDFName.of('DescendantFonts'),
  ToUnicode: PDFName.of('ToUnicode'),
  W: PDFName.of('W'),
};

const templates = new Map<Uint8Array, Promise<Template>>();

/** pdf-lib's object classes have private constructors: matched by prototype. */
function lookup<T extends PDFObject>(context: PDFContext, ref: PDFObject | undefined, type: { prototype: T; name: string }): T {
  const object = context.lookup(ref);
  if (!object || !Object.prototype.isPrototypeOf.call(type.prototype, object)) throw new Error(`prebuilt font: expected ${type.name}`);
  return object as T;
}

/** pdf-lib embeds the font once in a scratch document; its objects are the template. */
async function buildTemplate(bytes: Uint8Array, kit: typeof fontkit): Promise<Template> {
  const scratch = await PDFDocument.create({ updateMetadata: false });
  const embedder = await CustomFontEmbedder.for(kit, bytes);
  const context = scratch.context;
  const ref = await embedder.embedIntoContext(context, context.nextRef());
  const type0 = lookup(context, ref, PDFDict);
  const toUnicode = lookup(context, type0.get(N.ToUnicode), PDFRawStream);
  const cidFont = lookup(context, lookup(context, type0.get(N.DescendantFonts), PDFArray).get(0), PDFDict);
  const descriptor = lookup(context, cidFont.get(N.FontDescriptor), PDFDict);
  const fontFile = lookup(context, descriptor.get(N.FontFile2) ?? descriptor.get(N.FontFile3), PDFRawStream);
  const widths = serialized(lookup(context, cidFont.get(N.W), PDFArray));
  return { embedder, fontFile, descriptor, cidFont, widths, toUnicode, type0 };
}

/** Copies of the template's objects into a document, registered in pdf-lib's own order. */
function embedCopy(t: Template, context: PDFContext, ref: PDFRef): PDFRef {
  const baseFontName = PDFName.of(context.addRandomSuffix(t.embedder.fontName));
  const fontFileRef = context.register(PDFRawStream.of(t.fontFile.dict.clone(context), t.fontFile.contents));
  const descriptor = t.descriptor.clone(context);
  descriptor.set(N.FontName, baseFontName);
  descriptor.set(t.descriptor.has(N.FontFile2) ? N.FontFile2 : N.FontFile3, fontFileRef);
  const descriptorRef = context.register(descriptor);
  const cidFont = t.cidFont.clone(context);
  cidFont.set(N.BaseFont, baseFontName);
  cidFont.set(N.FontDescriptor, descriptorRef);
  cidFont.set(N.W, t.widths);
  const cidFontRef = context.register(cidFont);
  const toUnicodeRef = context.register(PDFRawStream.of(t.toUnicode.dict.clone(context), t.toUnicode.contents));
  const type0 = t.type0.clone(context);
  type0.set(N.BaseFont, baseFontName);
  type0.set(N.DescendantFonts, context.obj([cidFontRef]));
  type0.set(N.ToUnicode, toUnicodeRef);
  context.assign(ref, type0);
  return ref;
}

/**
 * The font embedded whole in `doc`, as `doc.embedFont(bytes, { subset: false })` would, from objects built
 * once per process (their streams deflated by pdf-lib's own flateStream, as in any document).
 */
export async function embedPrebuiltFont(doc: PDFDocument, bytes: Uint8Array, kit: typeof fontkit): Promise<PDFFont> {
  let template = templates.get(bytes);
  if (!template) {
    template = buildTemplate(bytes, kit);
    templates.set(bytes, template);
  }
  const t = await template;
  // The embedder only encodes text and measures here (stateless once built); embedding is the copy above.
  const embedder = Object.create(t.embedder) as CustomFontEmbedder;
  embedder.embedIntoContext = async (context: PDFContext, ref?: PDFRef) => embedCopy(t, context, ref ?? context.nextRef());
  const font = PDFFont.of(doc.context.nextRef(), doc, embedder);
  (doc as unknown as { fonts: PDFFont[] }).fonts.push(font);
  return font;
}
