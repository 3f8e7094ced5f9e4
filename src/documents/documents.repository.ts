// Issued documents (snapshots), signing certificates (sealed), gap-free document numbers, and the rows of
// a desk's yearly register read from the dossier projection.
import { sql } from 'kysely';
import { readJson, writeJson, type Executor } from '../db/database.js';
import type { DossierState } from '../dossiers/dossier.js';
import type { FormCode, FormData } from './forms/form-types.js';

export interface IssuedDocument {
  readonly id: string;
  readonly dossierId: string;
  readonly form: FormCode;
  readonly sourceSeq: number;
  readonly number: string;
  readonly layout: number;
  readonly data: FormData;
  readonly unitId: string;
  readonly signerName: string;
  readonly certificateSubject: string;
  /** Set once the signed copy is stored (a second step: rendering never holds the write transaction). */
  readonly unsignedSha256: string | null;
  readonly attachmentId: string | null;
  readonly issuedAt: string;
  readonly createdAt: string;
}

export interface StoredCertificate {
  readonly id: string;
  readonly unitId: string | null;
  readonly subject: string;
  readonly serialNumber: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly sealedPkcs12: string;
  readonly isDevelopment: boolean;
  readonly uploadedBy: string | null;
  readonly createdAt: string;
}

export class DocumentsRepository {
  constructor(private readonly db: Executor) {}

  async insertIssued(doc: IssuedDocument): Promise<void> {
    await this.db
      .insertInto('issued_documents')
      .values({
        id: doc.id,
        dossier_id: doc.dossierId,
        form: doc.form,
        source_seq: doc.sourceSeq,
        number: doc.number,
        layout: doc.layout,
        data: writeJson(doc.data),
        unit_id: doc.unitId,
        signer_name: doc.signerName,
        certificate_subject: doc.certificateSubject,
        unsigned_sha256: doc.unsignedSha256,
        attachment_id: doc.attachmentId,
        issued_at: doc.issuedAt,
        created_at: doc.createdAt,
      })
      .execute();
  }

  async setCopy(id: string, unsignedSha256: string, attachmentId: string): Promise<void> {
    await this.db.updateTable('issued_documents').set({ unsigned_sha256: unsignedSha256, attachment_id: attachmentId }).where('id', '=', id).where('attachment_id', 'is', null).execute();
  }

  async issuedOf(dossierId: string): Promise<IssuedDocument[]> {
    const rows = await this.db.selectFrom('issued_documents').selectAll().where('dossier_id', '=', dossierId).orderBy('source_seq').orderBy('form').execute();
    return rows.map(toIssued);
  }

  async findIssued(id: string): Promise<IssuedDocument | undefined> {
    const row = await this.db.selectFrom('issued_documents').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toIssued(row);
  }

  /** The next number of a unit's series in a year, gap-free (the upsert is the write transaction's last step). */
  async nextNumber(unitId: string, series: string, year: number): Promise<number> {
    const row = await this.db
      .insertInto('document_counters')
      .values({ unit_id: unitId, series, year, last_nr: 1 })
      .onConflict((oc) => oc.columns(['unit_id', 'series', 'year']).doUpdateSet({ last_nr: sql`document_counters.last_nr + 1` }))
      .returning('last_nr')
      .executeTakeFirstOrThrow();
    return Number(row.last_nr);
  }

  async insertCertificate(cert: StoredCertificate): Promise<void> {
    await this.db
      .insertInto('signing_certificates')
      .values({ id: cert.id, unit_id: cert.unitId, subject: cert.subject, serial_number: cert.serialNumber, not_before: cert.notBefore, not_after: cert.notAfter, sealed_pkcs12: cert.sealedPkcs12, is_development: cert.isDevelopment ? 1 : 0, uploaded_by: cert.uploadedBy, created_at: cert.createdAt })
      .execute();
  }

  /** The newest certificate of a unit (null: the installation's development certificate). */
  async currentCertificate(unitId: string | null): Promise<StoredCertificate | undefined> {
    const query = this.db.selectFrom('signing_certificates').selectAll();
    const row = await (unitId === null ? query.where('unit_id', 'is', null) : query.where('unit_id', '=', unitId)).orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirst();
    return (
      row && {
        id: row.id,
        unitId: row.unit_id,
        subject: row.subject,
        serialNumber: row.serial_number,
        notBefore: row.not_before,
        notAfter: row.not_after,
        sealedPkcs12: row.sealed_pkcs12,
        isDevelopment: row.is_development === 1,
        uploadedBy: row.uploaded_by,
        createdAt: row.created_at,
      }
    );
  }

  /** Dossiers a desk received in [from, to), in order of receipt (the register's order: its row numbers). */
  async receivedBetween(unitId: string, from: string, to: string): Promise<DossierState[]> {
    const rows = await this.db
      .selectFrom('dossiers')
      .select('state')
      .where('receiving_unit_id', '=', unitId)
      .where('received_at', '>=', from)
      .where('received_at', '<', to)
      .where('code', 'is not', null)
      .orderBy('received_at')
      .orderBy('code')
      .execute();
    return rows.map((r) => readJson<DossierState>(r.state));
  }

  /** The position of a dossier in its desk's register of the year: dossiers received before it, plus one. */
  async registerSerial(unitId: string, from: string, receivedAt: string, code: string): Promise<number> {
    const row = await this.db
      .selectFrom('dossiers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('receiving_unit_id', '=', unitId)
      .where('received_at', '>=', from)
      .where('code', 'is not', null)
      .where((eb) => eb.or([eb('received_at', '<', receivedAt), eb.and([eb('received_at', '=', receivedAt), eb('code', '<', code)])]))
      .executeTakeFirstOrThrow();
    return Number(row.n) + 1;
  }
}

function toIssued(row: {
  id: string;
  dossier_id: string;
  form: string;
  source_seq: number;
  number: string;
  layout: number;
  data: unknown;
  unit_id: string;
  signer_name: string;
  certificate_subject: string;
  unsigned_sha256: string | null;
  attachment_id: string | null;
  issued_at: string;
  created_at: string;
}): IssuedDocument {
  return {
    id: row.id,
    dossierId: row.dossier_id,
    form: row.form as FormCode,
    sourceSeq: Number(row.source_seq),
    number: row.number,
    layout: Number(row.layout),
    data: readJson<FormData>(row.data),
    unitId: row.unit_id,
    signerName: row.signer_name,
    certificateSubject: row.certificate_subject,
    unsignedSha256: row.unsigned_sha256,
    attachmentId: row.attachment_id,
    issuedAt: row.issued_at,
    createdAt: row.created_at,
  };
}
