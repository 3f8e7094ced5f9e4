// Frozen in time: attachments (content-addressed files: the row names the SHA-256 of the bytes kept in the
// content store), signing certificates (PKCS#12 sealed with a key from the configuration; unit_id null is the
// installation's development certificate), issued documents (the data snapshot and layout of each issued form,
// with the fingerprints of its unsigned rendering and of the signed copy) and gap-free document numbers.
import type { Kysely } from 'kysely';

type Dialect = 'sqlite' | 'postgres';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const pg = dialect === 'postgres';
  const id = pg ? 'uuid' : 'text';
  const instant = pg ? 'timestamptz' : 'text';
  const json = pg ? 'jsonb' : 'text';

  await db.schema
    .createTable('attachments')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('dossier_id', id, (c) => c.references('dossiers.id'))
    .addColumn('uploaded_by', id, (c) => c.references('users.id'))
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachments_sha256_idx').on('attachments').column('sha256').execute();
  await db.schema.createIndex('attachments_dossier_idx').on('attachments').columns(['dossier_id', 'created_at']).execute();

  await db.schema
    .createTable('signing_certificates')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('unit_id', id, (c) => c.references('units.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('serial_number', 'text', (c) => c.notNull())
    .addColumn('not_before', instant, (c) => c.notNull())
    .addColumn('not_after', instant, (c) => c.notNull())
    .addColumn('sealed_pkcs12', 'text', (c) => c.notNull())
    .addColumn('is_development', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by', id, (c) => c.references('users.id'))
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('signing_certificates_unit_idx').on('signing_certificates').columns(['unit_id', 'created_at']).execute();

  await db.schema
    .createTable('issued_documents')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('dossier_id', id, (c) => c.notNull().references('dossiers.id'))
    .addColumn('form', 'text', (c) => c.notNull())
    // The dossier event that issued it (0 for documents not tied to one event).
    .addColumn('source_seq', 'integer', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('layout', 'integer', (c) => c.notNull())
    .addColumn('data', json, (c) => c.notNull())
    .addColumn('unit_id', id, (c) => c.notNull().references('units.id'))
    .addColumn('signer_name', 'text', (c) => c.notNull())
    .addColumn('certificate_subject', 'text', (c) => c.notNull())
    .addColumn('unsigned_sha256', 'text')
    .addColumn('attachment_id', id, (c) => c.references('attachments.id'))
    .addColumn('issued_at', instant, (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addUniqueConstraint('issued_documents_source_unique', ['dossier_id', 'form', 'source_seq'])
    .execute();

  await db.schema
    .createTable('document_counters')
    .addColumn('unit_id', id, (c) => c.notNull())
    .addColumn('series', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_nr', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_counters_pk', ['unit_id', 'series', 'year'])
    .execute();
}
