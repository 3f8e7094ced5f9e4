// Administration of the catalogue: create a procedure (its first draft), start a new draft from the latest
// version, edit a draft (optimistic concurrency on its revision), publish it from a date (closing the
// previous published version the day before), delete a draft that was never published. Published
// versions are never changed otherwise: the database refuses it too.
import { randomUUID } from 'node:crypto';
import type { UnitOfWork } from '../db/unit-of-work.js';
import { AppError } from '../errors/app-error.js';
import type { Actor } from '../identity/roles.js';
import { addDays, isCalendarDate, vietnamDateOf, type Clock } from '../time/clock.js';
import { requireManageCatalogue } from './catalog.policy.js';
import { administeredChains, type CatalogRepositories } from './catalog.service.js';
import { normaliseDocument, versionRecord, type ProcedureDocumentInput } from './procedure-document.js';
import { documentOf, isProcedureCode, publicationProblems, type ProcedureDocument, type ProcedureVersion } from './procedure.js';

export interface RequestContext {
  readonly requestId?: string;
}

export type DraftPatch = Partial<ProcedureDocumentInput> & { readonly revision: number };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The write-side steps, shared by the HTTP use cases, the import and the demo data (inside one transaction). */
export class CatalogWriter {
  constructor(
    private readonly repos: CatalogRepositories,
    private readonly actor: Actor,
    private readonly now: string,
    private readonly requestId: string | null,
  ) {}

  async requireAccess(): Promise<void> {
    requireManageCatalogue(this.actor, await administeredChains(this.repos.units, this.actor, vietnamDateOf(new Date(this.now))));
  }

  async checkUnits(document: ProcedureDocument): Promise<void> {
    for (const [i, id] of document.implementingUnitIds.entries()) {
      if (!UUID.test(id) || !(await this.repos.units.findById(id, vietnamDateOf(new Date(this.now))))) throw new AppError('PROCEDURE_UNIT_NOT_FOUND', { field: `implementingUnitIds.${i}` });
    }
  }

  async createProcedure(code: string, document: ProcedureDocument, details: Record<string, unknown> = {}): Promise<ProcedureVersion> {
    if (!isProcedureCode(code)) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'code', rule: 'pattern', message: 'a procedure code looks like 1.001193' }] });
    if (await this.repos.catalog.findProcedureByCode(code)) throw new AppError('PROCEDURE_CODE_TAKEN', { field: 'code', code });
    await this.checkUnits(document);
    const procedureId = randomUUID();
    const record = versionRecord(randomUUID(), procedureId, 1, code, document);
    if (!(await this.repos.catalog.insertProcedure({ id: procedureId, code }, this.now))) throw new AppError('PROCEDURE_CODE_TAKEN', { field: 'code', code });
    await this.repos.catalog.insertDraft(record, this.now);
    await this.audit('procedure.created', procedureId, { code, version: 1, ...details });
    return (await this.repos.catalog.versionById(record.id))!;
  }

  /** A new draft after the latest version, with the given document (default: a copy of the latest). */
  async createDraft(procedureId: string, document?: ProcedureDocument, details: Record<string, unknown> = {}): Promise<ProcedureVersion> {
    const latest = await this.repos.catalog.latestVersion(procedureId);
    if (!latest) throw new AppError('PROCEDURE_NOT_FOUND');
    if (latest.status === 'draft') throw new AppError('PROCEDURE_DRAFT_EXISTS', { code: latest.code, version: latest.version, revision: latest.revision });
    const content = document ?? documentOf(latest);
    await this.checkUnits(content);
    const record = versionRecord(randomUUID(), procedureId, latest.version + 1, latest.code, content);
    if (!(await this.repos.catalog.insertDraft(record, this.now))) throw new AppError('PROCEDURE_DRAFT_EXISTS', { code: latest.code, version: record.version });
    await this.audit('procedure.draft_created', procedureId, { code: latest.code, version: record.version, fromVersion: latest.version, ...details });
    return (await this.repos.catalog.versionById(record.id))!;
  }

  async updateDraft(draft: ProcedureVersion, document: ProcedureDocument, revision: number, details: Record<string, unknown> = {}): Promise<ProcedureVersion> {
    if (draft.status !== 'draft') throw new AppError('PROCEDURE_VERSION_NOT_DRAFT', { code: draft.code, version: draft.version });
    if (draft.revision !== revision) throw new AppError('PROCEDURE_VERSION_CONFLICT', { currentRevision: draft.revision });
    await this.checkUnits(document);
    const record = versionRecord(draft.id, draft.procedureId, draft.version, draft.code, document);
    if (!(await this.repos.catalog.updateDraft(record, revision, this.now))) throw new AppError('PROCEDURE_VERSION_CONFLICT');
    const changed = Object.keys(document).filter((k) => JSON.stringify((document as unknown as Record<string, unknown>)[k]) !== JSON.stringify((draft as unknown as Record<string, unknown>)[k]));
    await this.audit('procedure.draft_updated', draft.procedureId, { code: draft.code, version: draft.version, changed, ...details });
    return (await this.repos.catalog.versionById(draft.id))!;
  }

  async publish(draft: ProcedureVersion, revision: number, effectiveFrom: string, details: Record<string, unknown> = {}): Promise<ProcedureVersion> {
    if (draft.status !== 'draft') throw new AppError('PROCEDURE_VERSION_NOT_DRAFT', { code: draft.code, version: draft.version });
    if (draft.revision !== revision) throw new AppError('PROCEDURE_VERSION_CONFLICT', { currentRevision: draft.revision });
    if (!isCalendarDate(effectiveFrom)) throw new AppError('PROCEDURE_EFFECTIVE_DATE_INVALID', { field: 'effectiveFrom' });
    const problems = publicationProblems(draft);
    if (problems.length > 0) throw new AppError('PROCEDURE_INVALID', { problems });
    const previous = await this.repos.catalog.latestVersion(draft.procedureId, 'published');
    if (previous) {
      // The new version takes over the day after the previous one ends; never before it started.
      if (effectiveFrom <= previous.effectiveFrom!) throw new AppError('PROCEDURE_EFFECTIVE_DATE_INVALID', { field: 'effectiveFrom', previousVersion: previous.version, previousEffectiveFrom: previous.effectiveFrom });
      if (previous.effectiveTo !== null && previous.effectiveTo >= effectiveFrom) throw new AppError('PROCEDURE_EFFECTIVE_DATE_INVALID', { field: 'effectiveFrom', previousVersion: previous.version, previousEffectiveTo: previous.effectiveTo });
      if (previous.effectiveTo === null) await this.repos.catalog.close(previous.id, addDays(effectiveFrom, -1));
    }
    if (!(await this.repos.catalog.publish(draft.id, revision, effectiveFrom, this.now))) throw new AppError('PROCEDURE_VERSION_CONFLICT');
    await this.audit('procedure.published', draft.procedureId, { code: draft.code, version: draft.version, effectiveFrom, closedVersion: previous?.effectiveTo === null ? previous.version : null, ...details });
    return (await this.repos.catalog.versionById(draft.id))!;
  }

  private async audit(action: 'procedure.created' | 'procedure.draft_created' | 'procedure.draft_updated' | 'procedure.published' | 'procedure.draft_deleted', procedureId: string, details: Record<string, unknown>): Promise<void> {
    await this.repos.audit.append({ occurredAt: this.now, actorUserId: this.actor.userId, action, entityType: 'procedure', entityId: procedureId, requestId: this.requestId, details });
  }

  async deleteDraft(draft: ProcedureVersion): Promise<void> {
    if (draft.status !== 'draft') throw new AppError('PROCEDURE_VERSION_NOT_DRAFT', { code: draft.code, version: draft.version });
    await this.repos.catalog.deleteDraft(draft.id);
    const remaining = await this.repos.catalog.latestVersion(draft.procedureId);
    if (!remaining) await this.repos.catalog.deleteProcedure(draft.procedureId);
    await this.audit('procedure.draft_deleted', draft.procedureId, { code: draft.code, version: draft.version, procedureDeleted: !remaining });
  }
}

export class CatalogAdminService {
  constructor(
    private readonly uow: UnitOfWork<CatalogRepositories>,
    private readonly clock: Clock,
  ) {}

  private async inWriter<T>(actor: Actor, context: RequestContext, fn: (writer: CatalogWriter, repos: CatalogRepositories) => Promise<T>): Promise<T> {
    const now = this.clock.now().toISOString();
    return this.uow.write(async (repos) => {
      const writer = new CatalogWriter(repos, actor, now, context.requestId ?? null);
      await writer.requireAccess();
      return fn(writer, repos);
    });
  }

  createProcedure(actor: Actor, input: ProcedureDocumentInput & { readonly code: string }, context: RequestContext = {}): Promise<ProcedureVersion> {
    const { code, ...document } = input;
    return this.inWriter(actor, context, (writer) => writer.createProcedure(code.trim(), normaliseDocument(document)));
  }

  createDraft(actor: Actor, code: string, context: RequestContext = {}): Promise<ProcedureVersion> {
    return this.inWriter(actor, context, async (writer, { catalog }) => {
      const procedure = await catalog.findProcedureByCode(code);
      if (!procedure) throw new AppError('PROCEDURE_NOT_FOUND', { code });
      return writer.createDraft(procedure.id);
    });
  }

  updateDraft(actor: Actor, code: string, version: number, patch: DraftPatch, context: RequestContext = {}): Promise<ProcedureVersion> {
    return this.inWriter(actor, context, async (writer, repos) => {
      const draft = await findVersion(repos, code, version);
      const { revision, ...changes } = patch;
      const merged = normaliseDocument({ ...documentOf(draft), ...stripUndefined(changes) });
      return writer.updateDraft(draft, merged, revision);
    });
  }

  publish(actor: Actor, code: string, version: number, input: { readonly revision: number; readonly effectiveFrom?: string }, context: RequestContext = {}): Promise<ProcedureVersion> {
    return this.inWriter(actor, context, async (writer, repos) => writer.publish(await findVersion(repos, code, version), input.revision, input.effectiveFrom ?? vietnamDateOf(this.clock.now())));
  }

  deleteDraft(actor: Actor, code: string, version: number, context: RequestContext = {}): Promise<void> {
    return this.inWriter(actor, context, async (writer, repos) => writer.deleteDraft(await findVersion(repos, code, version)));
  }

  /** Creates procedures with their published versions, oldest first, in one transaction (demo data, history). */
  publishProcedures(actor: Actor, entries: ReadonlyArray<{ readonly code: string; readonly versions: ReadonlyArray<{ readonly document: ProcedureDocumentInput; readonly effectiveFrom: string }> }>): Promise<number> {
    return this.inWriter(actor, {}, async (writer) => {
      for (const entry of entries) {
        let procedureId: string | undefined;
        for (const { document, effectiveFrom } of entry.versions) {
          const draft = procedureId ? await writer.createDraft(procedureId, normaliseDocument(document)) : await writer.createProcedure(entry.code, normaliseDocument(document));
          procedureId = draft.procedureId;
          await writer.publish(draft, draft.revision, effectiveFrom);
        }
      }
      return entries.length;
    });
  }
}

async function findVersion({ catalog }: CatalogRepositories, code: string, version: number): Promise<ProcedureVersion> {
  const procedure = await catalog.findProcedureByCode(code);
  if (!procedure) throw new AppError('PROCEDURE_NOT_FOUND', { code });
  const found = await catalog.versionByNumber(procedure.id, version);
  if (!found) throw new AppError('PROCEDURE_VERSION_NOT_FOUND', { code, version });
  return found;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
