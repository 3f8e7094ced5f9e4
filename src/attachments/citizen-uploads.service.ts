// A citizen's uploads to their own online dossier (no login yet: the draft token, X-Draft-Token). The
// same checks as staff uploads — streamed under the size limit, the type sniffed from the bytes against
// the allow-list, the name cleaned — and each file documents one component of the procedure case. The
// token, the dossier's status and the component are checked before a byte is read, through the DraftFiles
// port (the dossier module keeps which component each file documents, where the desk reads it).
import type { Readable } from 'node:stream';
import { AppError } from '../errors/app-error.js';
import type { AttachmentRecord } from './attachments.repository.js';
import type { AttachmentsService } from './attachments.service.js';

/** Port to the dossier module: the citizen's own dossier, by its draft token. */
export interface DraftFiles {
  /** Throws unless the token is the dossier's, it is still the citizen's to change, and the case lists the component. */
  requireOpenFor(dossierId: string, token: string | undefined, componentCode: string): Promise<void>;
  /** Attachment id → component code, for the dossier's own files; throws on a wrong token. */
  cited(dossierId: string, token: string | undefined): Promise<ReadonlyMap<string, string>>;
  link(dossierId: string, token: string | undefined, componentCode: string, file: { readonly id: string; readonly fileName: string }): Promise<void>;
  unlink(dossierId: string, token: string | undefined, file: { readonly id: string; readonly fileName: string }): Promise<void>;
}

export interface CitizenFile extends AttachmentRecord {
  readonly componentCode: string;
}

export class CitizenUploadsService {
  constructor(
    private readonly attachments: AttachmentsService,
    private readonly drafts: DraftFiles,
  ) {}

  /** `open` is called only after the checks, so a refused request never streams its body into the store. */
  async upload(dossierId: string, token: string | undefined, componentCode: string, open: () => Promise<{ fileName: string; stream: Readable }>): Promise<CitizenFile> {
    await this.drafts.requireOpenFor(dossierId, token, componentCode);
    const file = await open();
    const record = await this.attachments.storeUpload({ ...file, dossierId, kind: 'upload' }, null);
    try {
      await this.drafts.link(dossierId, token, componentCode, record);
    } catch (error) {
      await this.attachments.remove(record.id); // submitted meanwhile: the file is not left behind unseen
      throw error;
    }
    return { ...record, componentCode };
  }

  /** The citizen's files: the ones of this dossier its components cite, in upload order. */
  async list(dossierId: string, token: string | undefined): Promise<CitizenFile[]> {
    const cited = await this.drafts.cited(dossierId, token);
    const own = await this.attachments.ownFilesOf(dossierId);
    return own.flatMap((record) => {
      const componentCode = cited.get(record.id);
      return componentCode ? [{ ...record, componentCode }] : [];
    });
  }

  async describe(dossierId: string, token: string | undefined, attachmentId: string): Promise<CitizenFile> {
    const found = (await this.list(dossierId, token)).find((f) => f.id === attachmentId);
    if (!found) throw new AppError('ATTACHMENT_NOT_FOUND');
    return found;
  }

  /** Only while the dossier is the citizen's to change; the row goes, the content stays (it may be shared). */
  async remove(dossierId: string, token: string | undefined, attachmentId: string): Promise<void> {
    const file = await this.describe(dossierId, token, attachmentId);
    await this.drafts.unlink(dossierId, token, file);
    if (file.uploadedBy === null && file.kind === 'upload') await this.attachments.remove(file.id);
  }

  bytes(record: AttachmentRecord): Promise<Buffer> {
    return this.attachments.bytes(record);
  }
}
