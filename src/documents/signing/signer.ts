// The signing port. A DocumentSigner produces a detached CMS (PKCS#7) signature over bytes — what a PAdES
// "adbe.pkcs7.detached" / "ETSI.CAdES.detached" signature field holds. This build has a software signer
// over a PKCS#12 held by the unit; a hardware token (PKCS#11) or a remote-signing service implements the
// same interface (the PDF plumbing in sign-pdf.ts does not change).
import { createHash, sign } from 'node:crypto';
import forge from 'node-forge';
import type { CertificateInfo, KeyMaterial } from './certificates.js';

export interface DocumentSigner {
  readonly certificate: CertificateInfo;
  /** DER-encoded CMS SignedData, detached, over `content`, with the signing time as a signed attribute. */
  signDetached(content: Buffer, signingTime: Date): Promise<Buffer>;
}

const { asn1 } = forge;
const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
};

const oid = (id: string) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(id).getBytes());
const sequence = (items: forge.asn1.Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items);
const set = (items: forge.asn1.Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, items);
const algorithm = (id: string) => sequence([oid(id), asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '')]);
const der = (node: forge.asn1.Asn1) => Buffer.from(asn1.toDer(node).getBytes(), 'binary');
const attribute = (id: string, value: forge.asn1.Asn1) => sequence([oid(id), set([value])]);

/** RFC 5652 §11.3: UTCTime for 1950–2049, GeneralizedTime otherwise. */
function timeValue(date: Date): forge.asn1.Asn1 {
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050
    ? asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTCTIME, false, asn1.dateToUtcTime(date))
    : asn1.create(asn1.Class.UNIVERSAL, asn1.Type.GENERALIZEDTIME, false, asn1.dateToGeneralizedTime(date));
}

/**
 * The issuer Name and serialNumber of a certificate, as the bytes it holds (re-encoding the parsed name would
 * change UTF-8 names: forge encodes them twice).
 */
function issuerAndSerial(tbs: forge.asn1.Asn1): forge.asn1.Asn1 {
  const fields = tbs.value as forge.asn1.Asn1[];
  const first = fields[0]!.tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0; // [0] version, when present
  return sequence([fields[first + 2]!, fields[first]!]);
}

/**
 * Signs with a key in memory. The CMS SignedData (RFC 5652; detached, as PAdES adbe.pkcs7.detached wants)
 * is assembled here with node-forge's DER encoder; digests and the RSA signature are Node's crypto (node-forge's
 * own pkcs7 hashed the whole document in JavaScript: a tenth of a signed receipt's time).
 */
export class SoftwareSigner implements DocumentSigner {
  readonly certificate: CertificateInfo;
  private readonly certificates: forge.asn1.Asn1;
  private readonly signerId: forge.asn1.Asn1;

  constructor(private readonly material: KeyMaterial) {
    this.certificate = material.info;
    const certificates = material.certificates.map((c) => forge.pki.certificateToAsn1(c));
    // [0] IMPLICIT SET OF Certificate
    this.certificates = asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, certificates);
    this.signerId = issuerAndSerial((certificates[0]!.value as forge.asn1.Asn1[])[0]!);
  }

  async signDetached(content: Buffer, signingTime: Date): Promise<Buffer> {
    const digest = createHash('sha256').update(content).digest();
    const attributes = [
      attribute(OID.contentType, oid(OID.data)),
      attribute(OID.signingTime, timeValue(signingTime)),
      attribute(OID.messageDigest, asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, digest.toString('binary'))),
    ];
    // DER: a SET OF is ordered by the encodings of its elements; the signature is over that SET.
    const encoded = attributes.map((a) => ({ node: a, bytes: der(a) })).sort((a, b) => Buffer.compare(a.bytes, b.bytes));
    const signature = sign('sha256', der(set(encoded.map((a) => a.node))), this.material.privateKey);
    const signerInfo = sequence([
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(1).getBytes()),
      this.signerId,
      algorithm(OID.sha256),
      asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, encoded.map((a) => a.node)), // [0] IMPLICIT signedAttrs
      algorithm(OID.rsaEncryption),
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, signature.toString('binary')),
    ]);
    const signedData = sequence([
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(1).getBytes()),
      set([algorithm(OID.sha256)]),
      sequence([oid(OID.data)]), // detached: no content
      this.certificates,
      set([signerInfo]),
    ]);
    return der(sequence([oid(OID.signedData), asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [signedData])]));
  }
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
