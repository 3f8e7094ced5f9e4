// Attachment rows: which content (SHA-256) a file id names, its sniffed type, its clean name, who uploaded
// it, and the dossier it belongs to once linked (issued documents and results are linked when stored).
import type { Executor } from '../db/database.js';
import type { AttachmentsTable } from '../db/schema.js';

export type AttachmentKind = 'upload' | 'issued_document' | 'result';

export interface AttachmentRecord {
  readonly id: string;
  readonly sha256: string;
  readonly size: number;
  readonly mediaType: string;
  readonly fileName: string;
  readonly kind: AttachmentKind;
  readonly dossierId: string | null;
  readonly uploadedBy: string | null;
  readonly createdAt: string;
}

function toRecord(row: AttachmentsTable): AttachmentRecord {
  return { id: row.id, sha256: row.sha256, size: Number(row.size), mediaType: row.media_type, fileName: row.file_name, kind: row.kind as AttachmentKind, dossierId: row.dossier_id, uploadedBy: row.uploaded_by, createdAt: row.created_at };
}

export class AttachmentsRepository {
  constructor(private readonly db: Executor) {}

  async insert(record: AttachmentRecord): Promise<void> {
    await this.db
      .insertInto('attachments')
      .values({ id: record.id, sha256: record.sha256, size: record.size, media_type: record.mediaType, file_name: record.fileName, kind: record.kind, dossier_id: record.dossierId, uploaded_by: record.uploadedBy, created_at: record.createdAt })
      .execute();
  }

  async find(id: string): Promise<AttachmentRecord | undefined> {
    const row = await this.db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  }

  /** The ids among `ids` that name no attachment (of dossier `ofDossier`, when given). */
  async missing(ids: readonly string[], ofDossier?: string): Promise<string[]> {
    if (ids.length === 0) return [];
    let query = this.db.selectFrom('attachments').select('id').where('id', 'in', [...ids]);
    if (ofDossier !== undefined) query = query.where('dossier_id', '=', ofDossier);
    const found = new Set((await query.execute()).map((r) => r.id));
    return ids.filter((id) => !found.has(id));
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('attachments').where('id', '=', id).execute();
  }

  async ofDossier(dossierId: string): Promise<AttachmentRecord[]> {
    return (await this.db.selectFrom('attachments').selectAll().where('dossier_id', '=', dossierId).orderBy('created_at').orderBy('id').execute()).map(toRecord);
  }
}
