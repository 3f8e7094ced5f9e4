// Import and export of the catalogue: JSON in the national database's shape (procedure-national.ts) and
// Excel (procedure-workbook.ts). An import is all or nothing: every entry is checked first and the report
// names each rejected entry with its reasons; then every procedure is written in one transaction, as a new
// draft (or published from a date with `publish`). Content equal to the latest version creates nothing,
// so importing the same file twice changes nothing the second time.
import type { UnitOfWork } from '../db/unit-of-work.js';
import { AppError, isAppError } from '../errors/app-error.js';
import { errorCatalogue } from '../errors/error-catalogue.js';
import type { Actor } from '../identity/roles.js';
import { isCalendarDate, vietnamDateOf, type Clock } from '../time/clock.js';
import { CatalogWriter } from './catalog-admin.service.js';
import { requireManageCatalogue } from './catalog.policy.js';
import { administeredChains, type CatalogRepositories } from './catalog.service.js';
import { normaliseDocument } from './procedure-document.js';
import { fromNational, toNational, type MappedProcedure, type NationalProcedure } from './procedure-national.js';
import { readProcedureWorkbook, WorkbookError, writeProcedureWorkbook } from './procedure-workbook.js';
import { sameDocument, type ProcedureVersion } from './procedure.js';

export const MAX_IMPORT_ENTRIES = 5000;

export interface ImportRejection {
  /** "entry 3" (JSON, 1-based) or "line 7" (Excel). */
  readonly entry: string;
  readonly code: string | null;
  readonly reasons: readonly string[];
}

export interface ImportReport {
  /** New procedures. */
  readonly created: number;
  /** New drafts (or versions) of existing procedures. */
  readonly revised: number;
  /** Existing drafts replaced by the imported content. */
  readonly updated: number;
  /** Versions published by this import. */
  readonly published: number;
  readonly unchanged: number;
  readonly dryRun: boolean;
}

export interface ImportOptions {
  readonly publish: boolean;
  /** With publish: the date the versions are in force from (default today). */
  readonly effectiveFrom?: string;
  readonly dryRun: boolean;
  readonly requestId?: string;
}

export type ImportInput = { readonly format: 'json'; readonly content: unknown } | { readonly format: 'xlsx'; readonly content: Buffer };

class DryRunComplete extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

const invalid = (rejected: ImportRejection[]) => new AppError('PROCEDURE_IMPORT_INVALID', { rejected: rejected.slice(0, 200) });

export class CatalogImportService {
  constructor(
    private readonly uow: UnitOfWork<CatalogRepositories>,
    private readonly clock: Clock,
  ) {}

  async importProcedures(actor: Actor, input: ImportInput, options: ImportOptions): Promise<ImportReport> {
    const today = vietnamDateOf(this.clock.now());
    requireManageCatalogue(actor, await administeredChains(this.uow.read.units, actor, today));
    const effectiveFrom = options.effectiveFrom ?? today;
    if (!isCalendarDate(effectiveFrom)) throw new AppError('PROCEDURE_EFFECTIVE_DATE_INVALID', { field: 'effectiveFrom' });
    const entries = await this.readEntries(input);
    const unitCodes = entries.flatMap(({ record }) => (Array.isArray((record as { COQUANTHUCHIEN?: unknown })?.COQUANTHUCHIEN) ? (record as { COQUANTHUCHIEN: Array<{ MADONVI?: unknown }> }).COQUANTHUCHIEN : []).map((u) => String(u?.MADONVI ?? '').trim().toUpperCase()).filter(Boolean));
    const unitIds = unitCodes.length > 0 ? await this.uow.read.units.findIdsByCodes([...new Set(unitCodes)]) : new Map<string, string>();

    const rejected: ImportRejection[] = [];
    const accepted: Array<MappedProcedure & { entry: string }> = [];
    const seen = new Map<string, string>();
    for (const { entry, record } of entries) {
      const mapped = fromNational(record, unitIds);
      if ('reasons' in mapped) rejected.push({ entry, code: mapped.code, reasons: mapped.reasons });
      else if (seen.has(mapped.code)) rejected.push({ entry, code: mapped.code, reasons: [`the same MATTHC as ${seen.get(mapped.code)}`] });
      else {
        seen.set(mapped.code, entry);
        accepted.push({ ...mapped, entry });
      }
    }
    if (rejected.length > 0) throw invalid(rejected);

    try {
      return await this.uow.write(async (repos) => {
        const report = await this.apply(repos, actor, accepted, { ...options, effectiveFrom });
        if (options.dryRun) throw new DryRunComplete({ ...report, dryRun: true });
        return report;
      });
    } catch (error) {
      if (error instanceof DryRunComplete) return error.report;
      throw error;
    }
  }

  private async readEntries(input: ImportInput): Promise<Array<{ entry: string; record: unknown }>> {
    if (input.format === 'xlsx') {
      try {
        return await readProcedureWorkbook(input.content);
      } catch (error) {
        if (error instanceof WorkbookError) throw invalid([{ entry: 'file', code: null, reasons: error.reasons }]);
        throw error;
      }
    }
    const content = input.content as { items?: unknown } | unknown[];
    const records = Array.isArray(content) ? content : content && typeof content === 'object' && Array.isArray(content.items) ? content.items : undefined;
    if (!records) throw invalid([{ entry: 'file', code: null, reasons: ['expected a JSON array of procedures (or an object with an "items" array)'] }]);
    if (records.length > MAX_IMPORT_ENTRIES) throw invalid([{ entry: 'file', code: null, reasons: [`at most ${MAX_IMPORT_ENTRIES} procedures per import`] }]);
    return records.map((record, i) => ({ entry: `entry ${i + 1}`, record }));
  }

  private async apply(repos: CatalogRepositories, actor: Actor, entries: ReadonlyArray<MappedProcedure & { entry: string }>, options: ImportOptions & { effectiveFrom: string }): Promise<ImportReport> {
    const now = this.clock.now().toISOString();
    const writer = new CatalogWriter(repos, actor, now, options.requestId ?? null);
    await writer.requireAccess();
    const counts = { created: 0, revised: 0, updated: 0, published: 0, unchanged: 0 };
    const rejected: ImportRejection[] = [];
    const details = { source: 'import' };
    for (const { entry, code, document: input } of entries) {
      try {
        const document = normaliseDocument(input);
        const procedure = await repos.catalog.findProcedureByCode(code);
        const latest = procedure ? await repos.catalog.latestVersion(procedure.id) : undefined;
        let target: ProcedureVersion | undefined;
        if (!procedure || !latest) {
          target = await writer.createProcedure(code, document, details);
          counts.created++;
        } else if (sameDocument(latest, document)) {
          if (latest.status === 'draft' && options.publish) target = latest;
          else counts.unchanged++;
        } else if (latest.status === 'draft') {
          target = await writer.updateDraft(latest, document, latest.revision, details);
          counts.updated++;
        } else {
          target = await writer.createDraft(procedure.id, document, details);
          counts.revised++;
        }
        if (target && options.publish) {
          await writer.publish(target, target.revision, options.effectiveFrom, details);
          counts.published++;
        }
      } catch (error) {
        if (!isAppError(error)) throw error;
        const problems = (error.details as { problems?: Array<{ field: string; message: string }> } | undefined)?.problems;
        rejected.push({ entry, code, reasons: problems ? problems.map((p) => `${p.field}: ${p.message}`) : [`${error.code}: ${errorCatalogue[error.code].en}`] });
      }
    }
    if (rejected.length > 0) throw invalid(rejected);
    await repos.audit.append({ occurredAt: now, actorUserId: actor.userId, action: 'procedures.imported', entityType: 'procedure', entityId: '*', requestId: options.requestId ?? null, details: { ...counts, publish: options.publish, effectiveFrom: options.publish ? options.effectiveFrom : null } });
    return { ...counts, dryRun: false };
  }

  /** The versions in force on a date as national records (JSON) or as a workbook (one row per case). */
  async exportProcedures(format: 'json', onDate?: string): Promise<NationalProcedure[]>;
  async exportProcedures(format: 'xlsx', onDate?: string): Promise<Buffer>;
  async exportProcedures(format: 'json' | 'xlsx', onDate = vietnamDateOf(this.clock.now())): Promise<NationalProcedure[] | Buffer> {
    const { catalog, units } = this.uow.read;
    const versions: ProcedureVersion[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await catalog.listInForce({ onDate, limit: 500, offset });
      versions.push(...page.items);
      if (page.items.length < 500) break;
    }
    const unitsById = new Map<string, { code: string; name: string }>();
    for (const id of new Set(versions.flatMap((v) => v.implementingUnitIds))) {
      const unit = await units.findById(id, onDate);
      if (unit) unitsById.set(id, { code: unit.code, name: unit.name });
    }
    const records = versions.sort((a, b) => a.code.localeCompare(b.code)).map((v) => toNational(v, unitsById));
    return format === 'json' ? records : writeProcedureWorkbook(records);
  }
}
