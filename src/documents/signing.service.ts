// Which signer signs for a unit: the unit's own certificate (a PKCS#12 an administrator uploaded), else the
// installation's development certificate — generated on first need outside production, refused in it.
// Keys are unsealed once and kept in memory per certificate.
import { randomUUID } from 'node:crypto';
import type { UnitOfWork } from '../db/unit-of-work.js';
import { AppError } from '../errors/app-error.js';
import { holdsRoleAt, type Actor } from '../identity/roles.js';
import type { Clock } from '../time/clock.js';
import type { UnitsRepository } from '../units/units.repository.js';
import { makeDevelopmentPkcs12, readPkcs12, SecretBox, type CertificateInfo } from './signing/certificates.js';
import { SoftwareSigner, type DocumentSigner } from './signing/signer.js';
import type { DocumentsRepository, StoredCertificate } from './documents.repository.js';

interface Repos {
  readonly documents: DocumentsRepository;
  readonly units: UnitsRepository;
}

export interface SigningOptions {
  readonly secret: string;
  readonly allowDevelopmentCertificate: boolean;
}

export class SigningService {
  private readonly box: SecretBox;
  private readonly signers = new Map<string, DocumentSigner>();
  private development: Promise<StoredCertificate> | undefined;

  constructor(
    private readonly uow: UnitOfWork<Repos>,
    private readonly clock: Clock,
    private readonly options: SigningOptions,
  ) {
    this.box = new SecretBox(options.secret);
  }

  private requireSecret(): void {
    if (!this.options.secret) throw new AppError('DOCUMENT_NO_CERTIFICATE', { reason: 'SIGNING_KEY_SECRET is not configured: certificates cannot be sealed or opened' });
  }

  private open(stored: StoredCertificate): DocumentSigner {
    this.requireSecret();
    let signer = this.signers.get(stored.id);
    if (!signer) {
      const { p12, passphrase } = JSON.parse(this.box.open(stored.sealedPkcs12).toString('utf8')) as { p12: string; passphrase: string };
      signer = new SoftwareSigner(readPkcs12(Buffer.from(p12, 'base64'), passphrase));
      this.signers.set(stored.id, signer);
    }
    return signer;
  }

  /** The signer of a unit (its certificate, else the development certificate where allowed). */
  async signerFor(unitId: string): Promise<DocumentSigner> {
    const own = await this.uow.read.documents.currentCertificate(unitId);
    if (own) return this.open(own);
    if (!this.options.allowDevelopmentCertificate) throw new AppError('DOCUMENT_NO_CERTIFICATE', { unitId });
    return this.open(await this.developmentCertificate());
  }

  private developmentCertificate(): Promise<StoredCertificate> {
    this.development ??= (async () => {
      const existing = await this.uow.read.documents.currentCertificate(null);
      if (existing) return existing;
      const passphrase = randomUUID();
      const p12 = makeDevelopmentPkcs12('MotCua — chứng thư số phát triển', passphrase, this.clock.now());
      const stored = this.record(null, p12, passphrase, true, null);
      await this.uow.write((r) => r.documents.insertCertificate(stored));
      return stored;
    })().catch((error) => {
      this.development = undefined;
      throw error;
    });
    return this.development;
  }

  private record(unitId: string | null, p12: Buffer, passphrase: string, isDevelopment: boolean, uploadedBy: string | null): StoredCertificate {
    this.requireSecret();
    const info = readPkcs12(p12, passphrase).info;
    const sealed = this.box.seal(Buffer.from(JSON.stringify({ p12: p12.toString('base64'), passphrase }), 'utf8'));
    return { id: randomUUID(), unitId, subject: info.subject, serialNumber: info.serialNumber, notBefore: info.notBefore, notAfter: info.notAfter, sealedPkcs12: sealed, isDevelopment, uploadedBy, createdAt: this.clock.now().toISOString() };
  }

  /** An administrator of the unit (or above) installs its signing certificate; the newest one signs. */
  async uploadCertificate(actor: Actor, unitId: string, p12: Buffer, passphrase: string): Promise<CertificateInfo & { unitId: string }> {
    const chain = await this.uow.read.units.chainOf(unitId, this.clock.now().toISOString().slice(0, 10));
    if (!chain) throw new AppError('UNIT_NOT_FOUND');
    if (!holdsRoleAt(actor, 'administrator', chain)) throw new AppError('FORBIDDEN', { reason: 'only an administrator of the unit can install its certificate' });
    const stored = this.record(unitId, p12, passphrase, false, actor.userId);
    if (new Date(stored.notAfter) < this.clock.now()) throw new AppError('SIGNING_CERTIFICATE_INVALID', { reason: 'the certificate has expired' });
    await this.uow.write((r) => r.documents.insertCertificate(stored));
    return { unitId, subject: stored.subject, serialNumber: stored.serialNumber, notBefore: stored.notBefore, notAfter: stored.notAfter };
  }

  async certificateOf(unitId: string): Promise<(CertificateInfo & { isDevelopment: boolean }) | null> {
    const own = await this.uow.read.documents.currentCertificate(unitId);
    return own ? { subject: own.subject, serialNumber: own.serialNumber, notBefore: own.notBefore, notAfter: own.notAfter, isDevelopment: own.isDevelopment } : null;
  }
}
