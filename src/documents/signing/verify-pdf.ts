// Verifying the signatures of a PDF: for each signature field, who signed (the name in the signature
// dictionary and the certificate's subject), when, and whether the signed bytes are intact — the digest of
// the byte ranges equals the signed messageDigest, the RSA signature over the signed attributes verifies with
// the certificate's key, and the ranges cover the whole file (nothing appended or changed after signing).
import { createHash, createPublicKey, verify } from 'node:crypto';
import forge from 'node-forge';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString, type PDFObject } from 'pdf-lib';
import { AppError } from '../../errors/app-error.js';
import { certificateInfo, commonNameOf, type CertificateInfo } from './certificates.js';

export interface SignatureReport {
  readonly fieldName: string;
  readonly signerName: string | null;
  readonly reason: string | null;
  readonly location: string | null;
  /** The signed signingTime attribute (UTC ISO), else the dictionary's /M. */
  readonly signedAt: string | null;
  readonly certificate: CertificateInfo & { readonly issuer: string; readonly selfSigned: boolean };
  /** The digest of the signed byte ranges matches the signed digest. */
  readonly digestMatches: boolean;
  /** The signature over the signed attributes verifies with the certificate's public key. */
  readonly signatureValid: boolean;
  /** The signed ranges cover the whole file but the signature itself. */
  readonly coversWholeFile: boolean;
  readonly intact: boolean;
}

export interface VerificationReport {
  readonly signed: boolean;
  readonly intact: boolean;
  readonly signatures: readonly SignatureReport[];
}

const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const OID_SIGNING_TIME = '1.2.840.113549.1.9.5';

function text(obj: PDFObject | undefined): string | null {
  return obj instanceof PDFString || obj instanceof PDFHexString ? obj.decodeText() : null;
}

export async function verifyPdf(bytes: Uint8Array): Promise<VerificationReport> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
  } catch {
    throw new AppError('PDF_INVALID');
  }
  const signatures: SignatureReport[] = [];
  for (const field of doc.getForm().getFields()) {
    const value = field.acroField.dict.lookup(PDFName.of('V'));
    if (!(value instanceof PDFDict)) continue;
    const range = value.lookup(PDFName.of('ByteRange'));
    const contents = value.lookup(PDFName.of('Contents'));
    if (!(range instanceof PDFArray) || !(contents instanceof PDFHexString || contents instanceof PDFString)) continue;
    const ranges = range.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : -1));
    signatures.push(checkSignature(bytes, field.getName(), value, ranges, contents));
  }
  return { signed: signatures.length > 0, intact: signatures.length > 0 && signatures.every((s) => s.intact), signatures };
}

function checkSignature(bytes: Uint8Array, fieldName: string, dict: PDFDict, ranges: number[], contents: PDFHexString | PDFString): SignatureReport {
  const [a = -1, b = -1, c = -1, d = -1] = ranges;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const wellFormed = ranges.length === 4 && a >= 0 && b >= 0 && c >= a + b && d >= 0 && c + d <= buffer.length;
  const digest = createHash('sha256');
  if (wellFormed) digest.update(buffer.subarray(a, a + b)).update(buffer.subarray(c, c + d));
  const actual = digest.digest();
  const der = Buffer.from(contents instanceof PDFHexString ? contents.asBytes() : contents.asBytes());
  const asn1 = forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary')), { parseAllBytes: false } as never);
  const message = forge.pkcs7.messageFromAsn1(asn1) as forge.pkcs7.PkcsSignedData & { rawCapture: { signerInfos: forge.asn1.Asn1[] } };
  const signerInfo = (message.rawCapture.signerInfos ?? [])[0];
  const cert = message.certificates[0];
  if (!signerInfo || !cert) throw new AppError('PDF_INVALID', { reason: 'a signature holds no signer or no certificate' });
  const parts = signerInfo.value as forge.asn1.Asn1[];
  const attributes = parts.find((p) => p.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && p.type === 0);
  const encryptedDigest = parts[parts.length - 1]!;
  let signedDigest: Buffer | null = null;
  let signingTime: string | null = null;
  for (const attribute of (attributes?.value as forge.asn1.Asn1[] | undefined) ?? []) {
    const [oid, set] = attribute.value as forge.asn1.Asn1[];
    const type = forge.asn1.derToOid(oid!.value as string);
    const first = (set!.value as forge.asn1.Asn1[])[0]!;
    if (type === OID_MESSAGE_DIGEST) signedDigest = Buffer.from(first.value as string, 'binary');
    if (type === OID_SIGNING_TIME) signingTime = (first.type === forge.asn1.Type.UTCTIME ? forge.asn1.utcTimeToDate(first.value as string) : forge.asn1.generalizedTimeToDate(first.value as string)).toISOString();
  }
  let signatureValid = false;
  if (attributes) {
    // The signature is over the attributes re-tagged as a SET (RFC 5652 §5.4).
    const set = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, attributes.value as forge.asn1.Asn1[]);
    const signed = Buffer.from(forge.asn1.toDer(set).getBytes(), 'binary');
    try {
      const key = createPublicKey(forge.pki.publicKeyToPem(cert.publicKey));
      signatureValid = verify('sha256', signed, key, Buffer.from(encryptedDigest.value as string, 'binary'));
    } catch {
      signatureValid = false;
    }
  }
  const digestMatches = wellFormed && signedDigest !== null && signedDigest.equals(actual);
  const coversWholeFile = wellFormed && a === 0 && c + d === buffer.length;
  const issuer = commonNameOf(cert, 'issuer');
  const m = text(dict.lookup(PDFName.of('M')));
  return {
    fieldName,
    signerName: text(dict.lookup(PDFName.of('Name'))),
    reason: text(dict.lookup(PDFName.of('Reason'))),
    location: text(dict.lookup(PDFName.of('Location'))),
    signedAt: signingTime ?? m,
    certificate: { ...certificateInfo(cert), issuer, selfSigned: issuer === commonNameOf(cert) },
    digestMatches,
    signatureValid,
    coversWholeFile,
    intact: digestMatches && signatureValid && coversWholeFile,
  };
}
