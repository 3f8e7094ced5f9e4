// Signing a rendered form: a signature field placeholder (pdf-lib, named signer, reason, place, time) is
// added before saving, then @signpdf fills the /Contents with the DocumentSigner's CMS signature.
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { Signer } from '@signpdf/utils';
import type { PDFDocument } from 'pdf-lib';
import { deflateStreams } from '../pdf/deflate.js';
import type { DocumentSigner } from './signer.js';

export interface SignatureRequest {
  /** The person who signs (the leader who approves, the officer who receives). */
  readonly signerName: string;
  readonly reason: string;
  readonly location: string;
  readonly signingTime: Date;
  readonly contactInfo?: string;
}

class PortAdapter extends Signer {
  constructor(private readonly port: DocumentSigner) {
    super();
  }

  override async sign(pdfBuffer: Buffer, signingTime?: Date): Promise<Buffer> {
    return this.port.signDetached(pdfBuffer, signingTime ?? new Date());
  }
}

const signPdf = new SignPdf();

/**
 * The placeholder writes its text entries verbatim inside (…) as single bytes; Vietnamese needs a UTF-16BE
 * text string (with its byte-order mark), so the bytes are given as such, with the literal's escapes.
 */
export function utf16Literal(text: string): string {
  const utf16 = Buffer.from(`\ufeff${text.normalize('NFC')}`, 'utf16le').swap16();
  let out = '';
  for (const byte of utf16) {
    if (byte === 0x28 || byte === 0x29 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else if (byte === 0x0d) out += '\\r';
    else if (byte === 0x0a) out += '\\n';
    else out += String.fromCharCode(byte);
  }
  return out;
}

export async function signDocument(doc: PDFDocument, signer: DocumentSigner, request: SignatureRequest): Promise<Buffer> {
  pdflibAddPlaceholder({
    pdfDoc: doc,
    reason: utf16Literal(request.reason),
    contactInfo: utf16Literal(request.contactInfo ?? ''),
    name: utf16Literal(request.signerName),
    location: utf16Literal(request.location),
    signingTime: request.signingTime,
    signatureLength: 8192,
  });
  deflateStreams(doc);
  const bytes = Buffer.from(await doc.save({ useObjectStreams: false }));
  return signPdf.sign(bytes, new PortAdapter(signer), request.signingTime);
}
