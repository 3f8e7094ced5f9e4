// Signing certificates: reading a PKCS#12 (key + chain) once, making a development certificate, and
// sealing the PKCS#12 for storage (AES-256-GCM with a key from the configuration).
import { createCipheriv, createDecipheriv, createHash, createPrivateKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { AppError } from '../../errors/app-error.js';

export interface CertificateInfo {
  readonly subject: string;
  readonly serialNumber: string;
  readonly notBefore: string;
  readonly notAfter: string;
}

/** A key and its certificate chain, parsed once (PKCS#12 decryption is slow: never per signature). */
export interface KeyMaterial {
  readonly privateKey: KeyObject;
  /** Signer certificate first. */
  readonly certificates: readonly forge.pki.Certificate[];
  readonly info: CertificateInfo;
}

/** The text of a name attribute: forge keeps UTF8String values as raw UTF-8 bytes. */
export function attributeText(attribute: { value?: unknown; valueTagClass?: unknown }): string {
  const value = String(attribute.value ?? '');
  if (attribute.valueTagClass === forge.asn1.Type.UTF8) {
    try {
      return forge.util.decodeUtf8(value);
    } catch {
      return value;
    }
  }
  return value;
}

export function commonNameOf(cert: forge.pki.Certificate, part: 'subject' | 'issuer' = 'subject'): string {
  const attribute = cert[part].attributes.find((a) => a.shortName === 'CN');
  return attribute ? attributeText(attribute) : '';
}

export function certificateInfo(cert: forge.pki.Certificate): CertificateInfo {
  return { subject: commonNameOf(cert), serialNumber: cert.serialNumber, notBefore: cert.validity.notBefore.toISOString(), notAfter: cert.validity.notAfter.toISOString() };
}

export function readPkcs12(p12: Buffer, passphrase: string): KeyMaterial {
  let parsed: forge.pkcs12.Pkcs12Pfx;
  try {
    parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary'))), false, passphrase);
  } catch {
    throw new AppError('SIGNING_CERTIFICATE_INVALID', { reason: 'not a PKCS#12 file, or a wrong passphrase' });
  }
  const oids = forge.pki.oids as Record<string, string>;
  const bags = (type: string): forge.pkcs12.Bag[] => parsed.getBags({ bagType: type })[type] ?? [];
  const keyBag = [...bags(oids.pkcs8ShroudedKeyBag!), ...bags(oids.keyBag!)][0];
  const certs = bags(oids.certBag!).map((b) => b.cert).filter((c): c is forge.pki.Certificate => !!c);
  if (!keyBag?.key || certs.length === 0) throw new AppError('SIGNING_CERTIFICATE_INVALID', { reason: 'the file holds no private key or no certificate' });
  const key = keyBag.key as forge.pki.rsa.PrivateKey;
  const signer = certs.find((c: forge.pki.Certificate) => (c.publicKey as forge.pki.rsa.PublicKey).n.compareTo(key.n) === 0);
  if (!signer) throw new AppError('SIGNING_CERTIFICATE_INVALID', { reason: 'no certificate matches the private key' });
  return { privateKey: createPrivateKey(forge.pki.privateKeyToPem(key)), certificates: [signer, ...certs.filter((c: forge.pki.Certificate) => c !== signer)], info: certificateInfo(signer) };
}

/** A self-signed certificate for development and tests (never trusted by anyone else), as a PKCS#12. */
export function makeDevelopmentPkcs12(commonName: string, passphrase: string, now: Date): Buffer {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = new Date(now.getTime() - 24 * 3600 * 1000);
  cert.validity.notAfter = new Date(now.getTime() + 5 * 365 * 24 * 3600 * 1000);
  const name = [
    { shortName: 'CN', value: commonName.normalize('NFC'), valueTagClass: forge.asn1.Type.UTF8 },
    { shortName: 'O', value: 'MotCua (chứng thư phát triển — không có giá trị pháp lý)', valueTagClass: forge.asn1.Type.UTF8 },
    { shortName: 'C', value: 'VN' },
  ] as forge.pki.CertificateField[];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
  ]);
  cert.sign(key, forge.md.sha256.create());
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, [cert], passphrase, { algorithm: '3des' });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

/** AES-256-GCM with a key derived from the configured secret: iv | tag | ciphertext, base64. */
export class SecretBox {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHash('sha256').update(`motcua-signing-keys:${secret}`).digest();
  }

  seal(plain: Buffer): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  open(sealed: string): Buffer {
    const bytes = Buffer.from(sealed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]);
  }
}
