// The signing port. A DocumentSigner produces a detached CMS (PKCS#7) signature over bytes — what a PAdES
// "adbe.pkcs7.detached" / "ETSI.CAdES.detached" signature field holds. This build has a software signer
// over a PKCS#12 held by the unit; a hardware token (PKCS#11) or a remote-signing service implements the
// same interface (the PDF plumbing in sign-pdf.ts does not change).
import { constants, createHash, privateEncrypt } from 'node:crypto';
import forge from 'node-forge';
import type { CertificateInfo, KeyMaterial } from './certificates.js';

export interface DocumentSigner {
  readonly certificate: CertificateInfo;
  /** DER-encoded CMS SignedData, detached, over `content`, with the signing time as a signed attribute. */
  signDetached(content: Buffer, signingTime: Date): Promise<Buffer>;
}

/** DigestInfo prefix of SHA-256 (RFC 8017 §9.2 note 1). */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/** Signs with a key in memory: the CMS structure by node-forge, the RSA operation by Node's crypto (fast). */
export class SoftwareSigner implements DocumentSigner {
  readonly certificate: CertificateInfo;

  constructor(private readonly material: KeyMaterial) {
    this.certificate = material.info;
  }

  async signDetached(content: Buffer, signingTime: Date): Promise<Buffer> {
    const [signerCert, ...chain] = this.material.certificates;
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(content.toString('binary'));
    for (const cert of [signerCert!, ...chain]) p7.addCertificate(cert);
    const privateKey = this.material.privateKey;
    p7.addSigner({
      // forge re-encodes a certificate's issuer from parsed attributes and would encode UTF-8 names twice:
      // give it the decoded issuer so the SignerInfo names the certificate exactly.
      issuer: signerCert!.issuer.attributes.map((a) => ({ ...a, value: (a.valueTagClass as unknown) === forge.asn1.Type.UTF8 ? forge.util.decodeUtf8(String(a.value)) : a.value })),
      serialNumber: signerCert!.serialNumber,
      key: {
        sign: (md: forge.md.MessageDigest) => {
          const digest = Buffer.from(md.digest().getBytes(), 'binary');
          return privateEncrypt({ key: privateKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, digest])).toString('binary');
        },
      } as unknown as forge.pki.rsa.PrivateKey,
      digestAlgorithm: forge.pki.oids.sha256!,
      authenticatedAttributes: [
        { type: forge.pki.oids.contentType!, value: forge.pki.oids.data },
        { type: forge.pki.oids.signingTime!, value: signingTime as unknown as string },
        { type: forge.pki.oids.messageDigest! },
      ],
    } as unknown as Parameters<typeof p7.addSigner>[0]);
    p7.sign({ detached: true });
    return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
  }
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
