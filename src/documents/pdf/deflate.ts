// Deflating a form's page contents. pdf-lib deflates each stream with pako (zlib in pinned JavaScript: the
// same input gives the same bytes on any Node version — a reprint of an old form stays byte-identical),
// but through a fresh pako.deflate per stream, which allocates and zeroes some 300 KiB of tables each
// time: most of a receipt's deflate time and much of its garbage. Here one pako deflate state is kept
// and reset between streams (zlib's deflateReset: the same output as a fresh state), and a document's
// streams are deflated through it just before it is saved.
import { createRequire } from 'node:module';
import { PDFFlateStream, PDFRawStream, type PDFDocument } from 'pdf-lib';

interface ZStream {
  input: Uint8Array | null;
  next_in: number;
  avail_in: number;
  output: Uint8Array | null;
  next_out: number;
  avail_out: number;
}

interface PakoDeflateInternals {
  deflateInit2(strm: ZStream, level: number, method: number, windowBits: number, memLevel: number, strategy: number): number;
  deflateReset(strm: ZStream): number;
  deflate(strm: ZStream, flush: number): number;
}

const require = createRequire(import.meta.url);
// pako's low-level zlib port (the module pako.deflate itself drives), resolved from pdf-lib so that it is
// the very copy pdf-lib would have used.
const pakoDir = require.resolve('pako/package.json', { paths: [require.resolve('pdf-lib')] }).replace(/package\.json$/, '');
const zlib = require(`${pakoDir}lib/zlib/deflate.js`) as PakoDeflateInternals;
const ZStreamConstructor = require(`${pakoDir}lib/zlib/zstream.js`) as new () => ZStream;

// pako.deflate's defaults: Z_DEFAULT_COMPRESSION, Z_DEFLATED, a 32 KiB window, memLevel 8, the default strategy.
const LEVEL = -1;
const METHOD = 8;
const WINDOW_BITS = 15;
const MEM_LEVEL = 8;
const STRATEGY = 0;
const Z_OK = 0;
const Z_STREAM_END = 1;
const Z_FINISH = 4;
const CHUNK = 64 * 1024;

let shared: ZStream | null = null;

/** zlib-wrapped deflate of `input`, byte for byte what `pako.deflate(input)` returns. */
export function deflate(input: Uint8Array): Uint8Array {
  // Synchronous from reset to finish, so one state serves every caller of this thread.
  let strm = shared;
  if (!strm) {
    strm = new ZStreamConstructor();
    if (zlib.deflateInit2(strm, LEVEL, METHOD, WINDOW_BITS, MEM_LEVEL, STRATEGY) !== Z_OK) throw new Error('deflate: cannot initialise');
    shared = strm;
  } else if (zlib.deflateReset(strm) !== Z_OK) {
    throw new Error('deflate: cannot reset');
  }
  strm.input = input;
  strm.next_in = 0;
  strm.avail_in = input.length;
  const chunks: Uint8Array[] = [];
  let status: number;
  do {
    strm.output = new Uint8Array(CHUNK);
    strm.next_out = 0;
    strm.avail_out = CHUNK;
    status = zlib.deflate(strm, Z_FINISH);
    if (status !== Z_OK && status !== Z_STREAM_END) {
      shared = null; // a state in error is not reused
      throw new Error(`deflate: zlib status ${status}`);
    }
    chunks.push(strm.output.subarray(0, strm.next_out));
  } while (status !== Z_STREAM_END);
  strm.input = null;
  strm.output = null;
  if (chunks.length === 1) return chunks[0]!.slice();
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

/**
 * Every stream pdf-lib would deflate at save (page contents, appearance streams) deflated now, through the
 * shared state, and stored as raw streams with the same dictionary. Call when nothing more is drawn.
 */
export function deflateStreams(doc: PDFDocument): void {
  const context = doc.context;
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFFlateStream) || !(object as unknown as { encode: boolean }).encode) continue;
    context.assign(ref, PDFRawStream.of(object.dict, deflate(object.getUnencodedContents())));
  }
}
