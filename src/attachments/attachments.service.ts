// Uploads and downloads of files. An upload is streamed into the content store under a size limit, its real
// type sniffed from its bytes against an allow-list, its name cleaned; the same bytes are stored once.
// Downloads: the uploader, or anyone who may see the dossier the file belongs to (through DossierAccess).
// The dossier module asks `missing(ids)` through its AttachmentCheck port before accepting references.
import type { Readable } from 'node:stream';
import type { UnitOfWork } from '../db/unit-of-work.js';
import { AppError } from '../errors/app-error.js';
import type { Actor } from '../identity/roles.js';
import type { Clock } from '../time/clock.js';
import type { AttachmentKind, AttachmentRecord, AttachmentsRepository } from './attachments.repository.js';
import type { ContentStore } from './content-store.js';
import { checkFile, cleanFileName } from './file-types.js';
import { timeOrderedId } from '../ids/time-ordered-id.js';

interface Repos {
  readonly attachments: AttachmentsRepository;
}

/** Whether the actor may see a dossier (and so its files), and the attachment ids the dossier refers to. */
export interface DossierAccess {
  /** Throws FORBIDDEN / DOSSIER_NOT_FOUND when the actor may not see it; returns the ids it refers to. */
  referencedAttachments(actor: Actor, dossierId: string): Promise<ReadonlySet<string>>;
}

export interface UploadInput {
  readonly fileName: string;
  readonly stream: Readable;
  readonly dossierId?: string | null;
  readonly kind?: AttachmentKind;
}

export class AttachmentsService {
  constructor(
    private readonly uow: UnitOfWork<Repos>,
    private readonly store: ContentStore,
    private readonly clock: Clock,
    private readonly maxBytes: number,
    private readonly dossiers: DossierAccess,
  ) {}

  async upload(actor: Actor, input: UploadInput): Promise<AttachmentRecord> {
    if (input.dossierId) await this.dossiers.referencedAttachments(actor, input.dossierId);
    return this.storeUpload(input, actor.userId);
  }

  /**
   * Streams, sniffs and stores a file whose access the caller has already checked (a staff member's upload
   * above; a citizen's draft, checked by its token, in CitizenUploadsService): `uploadedBy` null for citizens.
   */
  async storeUpload(input: UploadInput, uploadedBy: string | null): Promise<AttachmentRecord> {
    let fileName: string;
    try {
      fileName = cleanFileName(input.fileName);
    } catch (error) {
      input.stream.resume(); // drain: the client is told why, not cut off mid-upload
      throw error;
    }
    const staged = await this.store.stage(input.stream, this.maxBytes);
    let type;
    try {
      if (staged.size === 0) throw new AppError('ATTACHMENT_EMPTY');
      type = checkFile(fileName, staged.head);
    } catch (error) {
      await staged.discard();
      throw error;
    }
    await staged.commit();
    const record: AttachmentRecord = { id: timeOrderedId(), sha256: staged.sha256, size: staged.size, mediaType: type.mediaType, fileName, kind: input.kind ?? 'upload', dossierId: input.dossierId ?? null, uploadedBy, createdAt: this.clock.now().toISOString() };
    await this.uow.write((r) => r.attachments.insert(record));
    return record;
  }

  /** Stores bytes the system produced (an issued document's signed copy) as an attachment of the dossier. */
  async storeGenerated(repos: Repos, bytes: Uint8Array, fileName: string, mediaType: string, dossierId: string, kind: AttachmentKind): Promise<AttachmentRecord> {
    const staged = await this.store.putBytes(bytes);
    const record: AttachmentRecord = { id: timeOrderedId(), sha256: staged.sha256, size: staged.size, mediaType, fileName, kind, dossierId, uploadedBy: null, createdAt: this.clock.now().toISOString() };
    await repos.attachments.insert(record);
    return record;
  }

  /** The ids among `ids` that name no attachment (the dossier module's check). */
  missing(ids: readonly string[], ofDossier?: string): Promise<string[]> {
    return this.uow.read.attachments.missing([...new Set(ids)], ofDossier);
  }

  async describe(actor: Actor, id: string): Promise<AttachmentRecord> {
    const record = await this.uow.read.attachments.find(id);
    if (!record) throw new AppError('ATTACHMENT_NOT_FOUND');
    if (record.uploadedBy === actor.userId) return record;
    if (record.dossierId) {
      await this.dossiers.referencedAttachments(actor, record.dossierId);
      return record;
    }
    throw new AppError('ATTACHMENT_NOT_FOUND');
  }

  /** A file of a dossier, for those who may see the dossier: its own files and the ones its components cite. */
  async describeForDossier(actor: Actor, dossierId: string, id: string): Promise<AttachmentRecord> {
    const referenced = await this.dossiers.referencedAttachments(actor, dossierId);
    const record = await this.uow.read.attachments.find(id);
    if (!record || (record.dossierId !== dossierId && !referenced.has(id))) throw new AppError('ATTACHMENT_NOT_FOUND');
    return record;
  }

  /** The files stored for a dossier (not the ones it only cites); for callers that checked access themselves. */
  ownFilesOf(dossierId: string): Promise<AttachmentRecord[]> {
    return this.uow.read.attachments.ofDossier(dossierId);
  }

  async listForDossier(actor: Actor, dossierId: string): Promise<AttachmentRecord[]> {
    const referenced = await this.dossiers.referencedAttachments(actor, dossierId);
    const own = await this.uow.read.attachments.ofDossier(dossierId);
    const cited = [];
    for (const id of referenced) {
      if (own.some((a) => a.id === id)) continue;
      const record = await this.uow.read.attachments.find(id);
      if (record) cited.push(record);
    }
    return [...own, ...cited];
  }

  /** Forgets a file's row (a citizen removing an upload from their draft); the content stays, it may be shared. */
  async remove(id: string): Promise<void> {
    await this.uow.write((r) => r.attachments.delete(id));
  }

  content(record: AttachmentRecord): Readable {
    return this.store.open(record.sha256);
  }

  bytes(record: AttachmentRecord): Promise<Buffer> {
    return this.store.read(record.sha256);
  }
}
