// The Debian tools that judge our PDFs from outside (poppler-utils, qpdf): extracted text, structural check,
// signature validation. pdfsig exits 0 whatever it finds, so its output is what tests read.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-pdf-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
let counter = 0;

export function writeTemp(bytes: Uint8Array, name = 'document.pdf'): string {
  const file = path.join(dir, `${counter++}-${name}`);
  fs.writeFileSync(file, bytes);
  return file;
}

export function pdfText(bytes: Uint8Array): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', writeTemp(bytes), '-'], { encoding: 'utf8' }).normalize('NFC');
}

/** qpdf --check: exit 0 (clean) or 3 (warnings) vs 2 (errors); we want 0. */
export function qpdfCheck(bytes: Uint8Array): { status: number | null; output: string } {
  const result = spawnSync('qpdf', ['--check', writeTemp(bytes)], { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

export function pdfsig(bytes: Uint8Array): string {
  const result = spawnSync('pdfsig', [writeTemp(bytes)], { encoding: 'utf8' });
  return `${result.stdout}${result.stderr}`;
}

/** One byte changed inside the signed bytes: a byte of the binary comment after the header (structure intact). */
export function tamper(bytes: Uint8Array): Buffer {
  const copy = Buffer.from(bytes);
  const at = copy.indexOf('\n%', 0) + 2;
  if (at < 2 || at > 32) throw new Error('no header comment to tamper with');
  copy[at] = copy[at]! ^ 0x01;
  return copy;
}

/** The QR codes on the first page, decoded by zbarimg (zbar-tools) from a 200-dpi rendering by pdftoppm. */
export function qrCodesOnFirstPage(bytes: Uint8Array): string[] {
  const file = writeTemp(bytes);
  execFileSync('pdftoppm', ['-png', '-r', '200', '-f', '1', '-l', '1', '-singlefile', file, `${file}-page`]);
  const result = spawnSync('zbarimg', ['-q', '--raw', `${file}-page.png`], { encoding: 'utf8' });
  return result.stdout.split('\n').filter(Boolean);
}
