// Official documents of a dossier. Forms 01–05 are *issued*: the event that issues one (the receipt at
// receipt, the apology when it is issued…) gets, on first access after it, a numbered data snapshot (gap-free
// number, in a write transaction) and then a signed copy stored as an attachment of the dossier (a second
// step, so rendering never holds the write path; a crash between them is repaired on the next access).
// Forms 06 (control sheet) and 07 (register) are live: rendered from the current state when printed, signed
// for the printing officer. Every document re-renders from its snapshot to the same bytes.
import type { AttachmentsRepository } from '../attachments/attachments.repository.js';
import type { AttachmentsService } from '../attachments/attachments.service.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import type { DossierEvent } from '../dossiers/dossier-events.js';
import type { DossierState } from '../dossiers/dossier.js';
import type { DossiersRepository } from '../dossiers/dossiers.repository.js';
import type { DossierQueries } from '../dossiers/queries.service.js';
import { AppError } from '../errors/app-error.js';
import type { IdentityRepository } from '../identity/identity.repository.js';
import { holdsRoleAt, type Actor } from '../identity/roles.js';
import { vietnamDateOf, type Clock } from '../time/clock.js';
import type { UnitsRepository } from '../units/units.repository.js';
import type { DocumentsRepository, IssuedDocument } from './documents.repository.js';
import { yearOf } from './forms/form-parts.js';
import { FORM_TITLES, type FormCode, type FormData, type FormHeader } from './forms/form-types.js';
import { renderForm, renderFormDocument } from './forms/render.js';
import type { SigningService } from './signing.service.js';
import { signDocument } from './signing/sign-pdf.js';
import { sha256Hex } from './signing/signer.js';
import { verifyPdf, type VerificationReport } from './signing/verify-pdf.js';
import { controlSheetSnapshot, formIssuedBy, NUMBER_SERIES, registerSnapshot, snapshotFor } from './snapshots.js';
import { timeOrderedId } from '../ids/time-ordered-id.js';

interface Repos {
  readonly documents: DocumentsRepository;
  readonly attachments: AttachmentsRepository;
  readonly dossiers: DossiersRepository;
  readonly units: UnitsRepository;
  readonly identity: IdentityRepository;
}

export interface Pdf {
  readonly bytes: Buffer;
  readonly fileName: string;
}

const LEVELS = new Set(['province', 'district', 'commune', 'ministry']);

export class DocumentsService {
  private readonly pending = new Map<string, Promise<void>>();

  constructor(
    private readonly uow: UnitOfWork<Repos>,
    private readonly clock: Clock,
    private readonly queries: DossierQueries,
    private readonly catalog: CatalogService,
    private readonly signing: SigningService,
    private readonly attachments: AttachmentsService,
    private readonly publicBaseUrl: string,
  ) {}

  lookupUrl(code: string | null): string | null {
    return code ? `${this.publicBaseUrl.replace(/\/+$/, '')}/tra-cuu/${encodeURIComponent(code)}` : null;
  }

  /** The documents of a dossier the actor may see, issuing what its events call for first. */
  async list(actor: Actor, dossierId: string): Promise<IssuedDocument[]> {
    await this.queries.get(actor, dossierId);
    await this.issuePending(dossierId);
    return this.uow.read.documents.issuedOf(dossierId);
  }

  async get(actor: Actor, documentId: string): Promise<IssuedDocument> {
    const doc = await this.uow.read.documents.findIssued(documentId);
    if (!doc) throw new AppError('DOCUMENT_NOT_FOUND');
    await this.queries.get(actor, doc.dossierId);
    return doc;
  }

  /** The signed copy of an issued document, as stored when it was issued. */
  async signedCopy(actor: Actor, documentId: string): Promise<Pdf> {
    let doc = await this.get(actor, documentId);
    if (!doc.attachmentId) {
      await this.issuePending(doc.dossierId);
      doc = (await this.uow.read.documents.findIssued(documentId))!;
    }
    const record = await this.uow.read.attachments.find(doc.attachmentId!);
    if (!record) throw new AppError('DOCUMENT_NOT_FOUND');
    return { bytes: await this.attachments.bytes(record), fileName: record.fileName };
  }

  /** The issued document rendered again from its snapshot (unsigned): the same bytes as when it was issued. */
  async rerender(actor: Actor, documentId: string): Promise<Pdf & { matchesIssued: boolean }> {
    const doc = await this.get(actor, documentId);
    const bytes = Buffer.from(await renderForm(doc.data));
    return { bytes, fileName: fileNameOf(doc.form, doc.data.dossierCode, 'ban-in-lai'), matchesIssued: doc.unsignedSha256 === sha256Hex(bytes) };
  }

  async verify(actor: Actor, documentId: string): Promise<VerificationReport> {
    return verifyPdf((await this.signedCopy(actor, documentId)).bytes);
  }

  /** Forms 01–05 due from the dossier's events and not yet issued: numbered, snapshotted, signed, stored. */
  async issuePending(dossierId: string): Promise<void> {
    const running = this.pending.get(dossierId);
    if (running) return running;
    const work = this.issue(dossierId).finally(() => this.pending.delete(dossierId));
    this.pending.set(dossierId, work);
    return work;
  }

  private async issue(dossierId: string): Promise<void> {
    const stored = await this.uow.read.dossiers.find(dossierId);
    if (!stored) throw new AppError('DOSSIER_NOT_FOUND');
    const state = stored.state;
    const events = await this.uow.read.dossiers.events(dossierId);
    const issued = await this.uow.read.documents.issuedOf(dossierId);
    for (const { seq, event } of events) {
      const form = formIssuedBy(event);
      if (!form) continue;
      let doc = issued.find((d) => d.form === form && d.sourceSeq === seq);
      if (!doc) doc = await this.snapshot(state, form, seq, event);
      if (!doc.attachmentId) await this.storeCopy(doc);
    }
  }

  private async snapshot(state: DossierState, form: FormCode, seq: number, event: DossierEvent): Promise<IssuedDocument> {
    const unitId = form === '01' || form === '03' ? state.receivingUnitId : (event.unitId ?? state.receivingUnitId);
    const actorName = event.actorId ? ((await this.uow.read.identity.findUserById(event.actorId))?.fullName ?? '') : '';
    const fees = form === '01' ? await this.fees(state) : [];
    const year = yearOf(event.at);
    const yearStart = `${year - 1}-12-31T17:00:00.000Z`; // 01/01 00:00 in Vietnam
    const serial = form === '01' && state.code && event.type === 'received' ? await this.uow.read.documents.registerSerial(state.receivingUnitId, yearStart, event.receivedAt, state.code) : 0;
    const baseHeader = await this.header(unitId, event.at, '');
    return this.uow.write(async (r) => {
      const nr = form === '01' ? serial : await r.documents.nextNumber(unitId, form, year);
      const header: FormHeader = { ...baseHeader, number: `Số: ${nr}/${NUMBER_SERIES[form]}` };
      const data = snapshotFor(form, state, event, { header, lookupUrl: this.lookupUrl(state.code), actorName, unitNames: new Map(), fees, registerSerial: serial });
      const doc: IssuedDocument = { id: timeOrderedId(), dossierId: state.id, form, sourceSeq: seq, number: header.number, layout: data.layout, data, unitId, signerName: actorName, certificateSubject: '', unsignedSha256: null, attachmentId: null, issuedAt: event.at, createdAt: this.clock.now().toISOString() };
      await r.documents.insertIssued(doc);
      return doc;
    });
  }

  private async storeCopy(doc: IssuedDocument): Promise<void> {
    const unsigned = await renderForm(doc.data);
    const signed = await this.sign(doc.data, doc.unitId, doc.signerName, `Ký ban hành: ${FORM_TITLES[doc.form].vi}`);
    await this.uow.write(async (r) => {
      const record = await this.attachments.storeGenerated(r, signed, fileNameOf(doc.form, doc.data.dossierCode, doc.number.replace(/\D+/g, '')), 'application/pdf', doc.dossierId, 'issued_document');
      await r.documents.setCopy(doc.id, sha256Hex(unsigned), record.id);
    });
  }

  private async sign(data: FormData, unitId: string, signerName: string, reason: string): Promise<Buffer> {
    const signer = await this.signing.signerFor(unitId);
    return signDocument(await renderFormDocument(data), signer, { signerName: signerName || signer.certificate.subject, reason, location: data.header.place, signingTime: this.clock.now() });
  }

  /** Form 06 from the dossier's current state, signed for the officer who prints it. */
  async controlSheet(actor: Actor, dossierId: string): Promise<Pdf> {
    const state = await this.queries.get(actor, dossierId);
    const unitIds = [...new Set(state.tasks.flatMap((t) => [t.unitId, ...(t.fromUnitId ? [t.fromUnitId] : [])]))];
    const unitNames = unitIds.length > 0 ? await this.uow.read.units.namesOf(unitIds) : new Map<string, string>();
    const now = this.clock.now().toISOString();
    const header = { ...(await this.header(state.receivingUnitId, now, '')), number: `Số: ${state.code ?? ''}/${NUMBER_SERIES['06']}` };
    const name = await this.actorName(actor);
    const data = controlSheetSnapshot(state, { header, lookupUrl: this.lookupUrl(state.code), actorName: name, unitNames, fees: [], registerSerial: 0 });
    return { bytes: await this.sign(data, state.receivingUnitId, name, 'In phiếu kiểm soát quá trình giải quyết hồ sơ'), fileName: fileNameOf('06', state.code, 'in') };
  }

  /** Form 07: a desk's register of a year, for its desk officers, leaders and those above (administrators, supervisors). */
  async register(actor: Actor, unitId: string, year: number): Promise<Pdf> {
    const today = vietnamDateOf(this.clock.now());
    const chain = (await this.uow.read.units.chainOf(unitId, today)) ?? null;
    if (!chain) throw new AppError('UNIT_NOT_FOUND');
    if (!(['desk_officer', 'leader', 'administrator', 'supervisor'] as const).some((role) => holdsRoleAt(actor, role, chain))) throw new AppError('FORBIDDEN', { reason: 'the register belongs to a desk you do not work in' });
    const from = `${year - 1}-12-31T17:00:00.000Z`;
    const to = `${year}-12-31T17:00:00.000Z`;
    const dossiers = await this.uow.read.documents.receivedBetween(unitId, from, to);
    const unitIds = [...new Set(dossiers.flatMap((d) => [d.receivingUnitId, ...d.tasks.map((t) => t.unitId)]))];
    const unitNames = unitIds.length > 0 ? await this.uow.read.units.namesOf(unitIds) : new Map<string, string>();
    const now = this.clock.now().toISOString();
    const header = { ...(await this.header(unitId, now, '')), number: `Quyển số: ${year}` };
    const data = registerSnapshot(header, year, dossiers, unitNames);
    return { bytes: await this.sign(data, unitId, await this.actorName(actor), 'In sổ theo dõi hồ sơ'), fileName: `so-theo-doi-ho-so-${year}.pdf` };
  }

  private async actorName(actor: Actor): Promise<string> {
    return (await this.uow.read.identity.findUserById(actor.userId))?.fullName ?? actor.username;
  }

  private async fees(state: DossierState): Promise<Array<{ description: string; amount: number }>> {
    try {
      const version = await this.catalog.getVersion(state.procedure.versionId);
      const procedureCase = version.cases.find((c) => c.code === state.procedure.caseCode);
      return (procedureCase?.fees ?? []).filter((f) => f.amount > 0).map((f) => ({ description: f.description, amount: f.amount }));
    } catch {
      return []; // an imported dossier's version may not be in this catalogue
    }
  }

  /** The issuing unit, the body over it (nearest commune/district/province) and the place name, as on that date. */
  private async header(unitId: string, at: string, number: string): Promise<FormHeader> {
    const date = vietnamDateOf(new Date(at));
    const units = this.uow.read.units;
    const unit = await units.findById(unitId, date);
    const chain = (await units.chainOf(unitId, date)) ?? [unitId];
    let authority: string | null = null;
    for (const id of chain.slice(1)) {
      const ancestor = await units.findById(id, date);
      if (ancestor && LEVELS.has(ancestor.type)) {
        authority = ancestor.shortName ?? ancestor.name;
        break;
      }
    }
    const root = await units.findById(chain[chain.length - 1]!, date);
    const rootName = root?.name ?? unit?.name ?? '';
    const place = /(?:tỉnh|thành phố|xã|phường)\s+(.+)$/i.exec(rootName)?.[1] ?? rootName;
    return { authority, unitName: unit?.name ?? '', number, place, issuedAt: at };
  }
}

function fileNameOf(form: FormCode, code: string | null, suffix: string): string {
  return `mau-${form}${code ? `-${code}` : ''}${suffix ? `-${suffix}` : ''}.pdf`;
}
