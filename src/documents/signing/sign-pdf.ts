// Signing a rendered form: a signature field placeholder (pdf-lib, named signer, reason, place, time) is
// added before saving, then @signpdf fills the /Contents with the DocumentSigner's CMS signature.
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { Signer } from '@signpdf/utils';
import type { PDFDocument } from 'pdf-lib';
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

export async function signDocument(doc: PDFDocument, signer: DocumentSigner, request: SignatureRequest): Promise<Buffer> {
  pdflibAddPlaceholder({
    pdfDoc: doc,
    reason: request.reason.normalize('NFC'),
    contactInfo: (request.contactInfo ?? '').normalize('NFC'),
    name: request.signerName.normalize('NFC'),
    location: request.location.normalize('NFC'),
    signingTime: request.signingTime,
    signatureLength: 8192,
  });
  const bytes = Buffer.from(await doc.save({ useObjectStreams: false }));
  return signPdf.sign(bytes, new PortAdapter(signer), request.signingTime);
}
