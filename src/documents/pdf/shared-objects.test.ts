// The reused deflate state gives pako.deflate's bytes exactly (so reprints of forms issued before it stay
// byte-identical), for any input and however often it is reused; prebuilt fonts embed as pdf-lib does (text
// from each subset's own glyphs, as forms draw it: a glyph the subset lacks would add .notdef to pdf-lib's map).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { it } from 'node:test';
import fontkit from '@pdf-lib/fontkit';
import fc from 'fast-check';
import { PDFDocument } from 'pdf-lib';
import { deflate } from './deflate.js';
import { faceFiles } from './fonts.js';
import { embedPrebuiltFont } from './prebuilt-fonts.js';

const require = createRequire(import.meta.url);
const pako = require(require.resolve('pako', { paths: [require.resolve('pdf-lib')] })) as { deflate(input: Uint8Array): Uint8Array };

it('deflates to the bytes of pako.deflate, for any input, state after state', () => {
  const text = fc.string({ maxLength: 3000 }).map((s) => new TextEncoder().encode(s.repeat(1 + (s.length % 7))));
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.uint8Array({ maxLength: 5000 }), text), { minLength: 1, maxLength: 4 }), (inputs) => {
      for (const input of inputs) assert.deepEqual(Buffer.from(deflate(input)), Buffer.from(pako.deflate(input)));
    }),
    { numRuns: 60 },
  );
  // More than one output chunk (64 KiB), and the empty stream.
  const large = new Uint8Array(400_000).map((_, i) => (i * 7919) % 251);
  assert.deepEqual(Buffer.from(deflate(large)), Buffer.from(pako.deflate(large)));
  assert.deepEqual(Buffer.from(deflate(new Uint8Array(0))), Buffer.from(pako.deflate(new Uint8Array(0))));
});

it('embeds a prebuilt font into the same bytes as pdf-lib embedding the whole font', async () => {
  const draw = async (embed: (doc: PDFDocument, bytes: Uint8Array) => Promise<import('pdf-lib').PDFFont>) => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.setCreationDate(new Date('2026-01-01T00:00:00Z'));
    doc.setModificationDate(new Date('2026-01-01T00:00:00Z'));
    const { latin, vietnamese } = faceFiles('bold');
    const page = doc.addPage([300, 300]);
    page.drawText('Can Dang', { x: 10, y: 200, size: 12, font: await embed(doc, latin) });
    page.drawText('ầạảăĐ', { x: 10, y: 100, size: 12, font: await embed(doc, vietnamese) });
    return Buffer.from(await doc.save({ useObjectStreams: false }));
  };
  const byPdfLib = await draw(async (doc, bytes) => {
    doc.registerFontkit(fontkit);
    return doc.embedFont(bytes, { subset: false });
  });
  const prebuilt = await draw((doc, bytes) => embedPrebuiltFont(doc, bytes, fontkit));
  assert.equal(prebuilt.length, byPdfLib.length);
  assert.ok(prebuilt.equals(byPdfLib), 'the same bytes');
  assert.ok((await draw((doc, bytes) => embedPrebuiltFont(doc, bytes, fontkit))).equals(byPdfLib), 'and again from the cached template');
});
