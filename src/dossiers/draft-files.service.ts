// The citizen's files in their own online dossier (no login yet: the draft token). Which component of the
// procedure case each file documents is kept where the desk reads it — the component's `attachmentIds` —
// so the dossier itself says what was handed in. Files are added or removed only while the citizen holds
// the dossier: a draft, or returned for completion (trả lại để bổ sung, hoàn thiện). The attachments module
// stores the bytes and reaches this through its DraftFiles port.
import { AppError } from '../errors/app-error.js';
import type { DossierContext } from './dossier-context.js';
import type { DossierState, SubmittedComponent } from './dossier.js';
import { requireDraftToken } from './intake.service.js';

const OPEN_STATUSES: ReadonlySet<string> = new Set(['draft', 'returned_for_completion']);

/** The files of the citizen's dossier: attachment id → the component code it documents. */
export type CitedFiles = ReadonlyMap<string, string>;

export class DraftFilesService {
  constructor(private readonly ctx: DossierContext) {}

  /** The dossier, when the token is its draft's; DOSSIER_DRAFT_TOKEN_INVALID otherwise (another citizen's draft). */
  async requireOwner(id: string, token: string | undefined): Promise<DossierState> {
    const stored = await this.ctx.store.load(id);
    requireDraftToken(stored, token);
    return stored.state;
  }

  /** Before a file is received: the token, the status, and that the component is one the case lists. */
  async requireOpenFor(id: string, token: string | undefined, componentCode: string): Promise<void> {
    const state = await this.requireOwner(id, token);
    requireOpen(state);
    const info = await this.ctx.planner.procedureCase(state.procedure.code, state.procedure.caseCode, this.ctx.today());
    if (!info.components.some((c) => c.code === componentCode)) {
      throw new AppError('DOSSIER_UNKNOWN_COMPONENT', { field: 'component', code: componentCode, known: info.components.map((c) => c.code) });
    }
  }

  /** Which component each of the citizen's files documents. */
  async cited(id: string, token: string | undefined): Promise<CitedFiles> {
    return citedFiles(await this.requireOwner(id, token));
  }

  /** Records that the stored file documents the component (one `draft_updated` event). */
  async link(id: string, token: string | undefined, componentCode: string, file: { readonly id: string; readonly fileName: string }): Promise<void> {
    const attachmentId = file.id;
    const current = await this.requireOwner(id, token);
    const info = await this.ctx.planner.procedureCase(current.procedure.code, current.procedure.caseCode, this.ctx.today());
    const name = info.components.find((c) => c.code === componentCode)?.name ?? componentCode;
    await this.ctx.store.execute(
      id,
      async (state) => {
        requireOpen(state);
        const present = state.components.some((c) => c.code === componentCode);
        const components: SubmittedComponent[] = present
          ? state.components.map((c) => (c.code === componentCode ? { ...c, attachmentIds: [...c.attachmentIds, attachmentId] } : c))
          : [...state.components, { code: componentCode, name, originals: 0, copies: 0, attachmentIds: [attachmentId] }];
        return { events: [{ type: 'draft_updated', components, fileAdded: { attachmentId, fileName: file.fileName, componentCode } }] };
      },
      { actorId: null, unitId: null },
    );
  }

  /** Takes the file out of its component; ATTACHMENT_NOT_FOUND when the dossier does not cite it. */
  async unlink(id: string, token: string | undefined, file: { readonly id: string; readonly fileName: string }): Promise<void> {
    const attachmentId = file.id;
    await this.requireOwner(id, token);
    await this.ctx.store.execute(
      id,
      async (state) => {
        const componentCode = citedFiles(state).get(attachmentId);
        if (!componentCode) throw new AppError('ATTACHMENT_NOT_FOUND');
        requireOpen(state);
        const components = state.components.map((c) => ({ ...c, attachmentIds: c.attachmentIds.filter((a) => a !== attachmentId) }));
        return { events: [{ type: 'draft_updated', components, fileRemoved: { attachmentId, fileName: file.fileName, componentCode } }] };
      },
      { actorId: null, unitId: null },
    );
  }
}

function requireOpen(state: DossierState): void {
  if (!OPEN_STATUSES.has(state.status)) throw new AppError('DOSSIER_FILES_CLOSED', { status: state.status });
}

function citedFiles(state: DossierState): CitedFiles {
  return new Map(state.components.flatMap((c) => c.attachmentIds.map((a) => [a, c.code] as const)));
}
