// The real type of a file, from its first bytes (magic numbers), against an allow-list; and file names made
// safe to store and to send back in Content-Disposition. Pure.
import { AppError } from '../errors/app-error.js';

export interface FileType {
  readonly mediaType: string;
  readonly extensions: readonly string[];
}

const PDF: FileType = { mediaType: 'application/pdf', extensions: ['pdf'] };
const JPEG: FileType = { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'] };
const PNG: FileType = { mediaType: 'image/png', extensions: ['png'] };
const TIFF: FileType = { mediaType: 'image/tiff', extensions: ['tif', 'tiff'] };
const DOCX: FileType = { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] };
const XLSX: FileType = { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] };
const ODT: FileType = { mediaType: 'application/vnd.oasis.opendocument.text', extensions: ['odt'] };

function startsWith(head: Buffer, bytes: readonly number[], at = 0): boolean {
  return head.length >= at + bytes.length && bytes.every((b, i) => head[at + i] === b);
}

/** The allowed type the bytes are, or null (executables, scripts, archives and anything unknown). */
export function sniffType(head: Buffer): FileType | null {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return PDF; // %PDF-
  if (startsWith(head, [0xff, 0xd8, 0xff])) return JPEG;
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return TIFF;
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    // Office Open XML and OpenDocument are ZIP files; their first entries say which.
    const text = head.toString('latin1');
    if (text.startsWith('mimetype', 30) && text.includes('application/vnd.oasis.opendocument.text')) return ODT;
    if (text.includes('[Content_Types].xml') || text.includes('_rels/.rels')) {
      if (text.includes('word/')) return DOCX;
      if (text.includes('xl/')) return XLSX;
    }
  }
  return null;
}

const MAX_NAME = 200;

/**
 * A file name fit to store: NFC, no directory part, no control or reserved characters, no leading dots.
 * Names that try to climb directories or hide their nature are refused, not repaired.
 */
export function cleanFileName(raw: string): string {
  const name = raw.normalize('NFC').trim();
  if (name.length === 0 || name.length > MAX_NAME) throw new AppError('ATTACHMENT_NAME_INVALID', { reason: 'empty or longer than 200 characters' });
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f/\\:*?"<>|]/.test(name) || name.includes('..') || name.startsWith('.')) throw new AppError('ATTACHMENT_NAME_INVALID', { reason: 'paths, control and reserved characters are not allowed' });
  return name;
}

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** The file's type: allowed by its bytes, and its name's extension (if any) must agree with them. */
export function checkFile(name: string, head: Buffer): FileType {
  const type = sniffType(head);
  if (!type) throw new AppError('ATTACHMENT_TYPE_NOT_ALLOWED');
  const extension = extensionOf(name);
  if (extension && !type.extensions.includes(extension)) throw new AppError('ATTACHMENT_CONTENT_MISMATCH', { extension, detected: type.mediaType });
  return type;
}
