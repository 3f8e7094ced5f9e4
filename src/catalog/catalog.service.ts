// Reading the procedure catalogue: the version in force on a date (what the dossier module asks when it
// receives a dossier), any version by id (a dossier keeps the version it was received under), public
// listing with filters and ranked search, fields with counts, and the history of a procedure.
import type { AuditRepository } from '../audit/audit.repository.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import { AppError } from '../errors/app-error.js';
import type { Actor } from '../identity/roles.js';
import { queryWords } from '../search/search-text.js';
import { vietnamDateOf, type Clock } from '../time/clock.js';
import type { UnitsRepository } from '../units/units.repository.js';
import { canManageCatalogue } from './catalog.policy.js';
import type { CatalogRepository, FieldCount, InForceFilter } from './catalog.repository.js';
import type { ProcedureCase, ProcedureVersion } from './procedure.js';

export interface CatalogRepositories {
  readonly catalog: CatalogRepository;
  readonly units: UnitsRepository;
  readonly audit: AuditRepository;
}

export type ListProceduresFilter = Omit<InForceFilter, 'onDate' | 'search'> & { readonly onDate?: string; readonly query?: string };

export class CatalogService {
  constructor(
    private readonly uow: UnitOfWork<CatalogRepositories>,
    private readonly clock: Clock,
  ) {}

  today(): string {
    return vietnamDateOf(this.clock.now());
  }

  /**
   * The case of the procedure version in force on a date (the Vietnam legal date a dossier is received).
   * PROCEDURE_NOT_FOUND (no such code), PROCEDURE_NOT_IN_FORCE (no published version covers the date),
   * PROCEDURE_CASE_NOT_FOUND (the version has no such case).
   */
  async caseInForce(procedureCode: string, caseCode: string, onDate: string): Promise<{ version: ProcedureVersion; procedureCase: ProcedureCase }> {
    const version = await this.versionInForce(procedureCode, onDate);
    const procedureCase = version.cases.find((c) => c.code === caseCode);
    if (!procedureCase) throw new AppError('PROCEDURE_CASE_NOT_FOUND', { code: procedureCode, version: version.version, caseCode, cases: version.cases.map((c) => c.code) });
    return { version, procedureCase };
  }

  /** Any version, whatever its status (a dossier keeps the version it was received under). */
  async getVersion(versionId: string): Promise<ProcedureVersion> {
    const version = await this.uow.read.catalog.versionById(versionId);
    if (!version) throw new AppError('PROCEDURE_NOT_FOUND', { versionId });
    return version;
  }

  /** The published version in force on a date (default today). */
  async versionInForce(procedureCode: string, onDate = this.today()): Promise<ProcedureVersion> {
    const procedure = await this.uow.read.catalog.findProcedureByCode(procedureCode);
    if (!procedure) throw new AppError('PROCEDURE_NOT_FOUND', { code: procedureCode });
    const version = await this.uow.read.catalog.inForce(procedure.id, onDate);
    if (!version) throw new AppError('PROCEDURE_NOT_IN_FORCE', { code: procedureCode, onDate });
    return version;
  }

  /** Version N of a procedure; drafts only for those who manage the catalogue. */
  async versionByNumber(actor: Actor | null, procedureCode: string, version: number): Promise<ProcedureVersion> {
    const procedure = await this.uow.read.catalog.findProcedureByCode(procedureCode);
    if (!procedure) throw new AppError('PROCEDURE_NOT_FOUND', { code: procedureCode });
    const found = await this.uow.read.catalog.versionByNumber(procedure.id, version);
    if (!found || (found.status === 'draft' && !(await this.canManage(actor)))) throw new AppError('PROCEDURE_VERSION_NOT_FOUND', { code: procedureCode, version });
    return found;
  }

  /** Every version of a procedure, newest first; drafts only for those who manage the catalogue. */
  async versions(actor: Actor | null, procedureCode: string): Promise<ProcedureVersion[]> {
    const procedure = await this.uow.read.catalog.findProcedureByCode(procedureCode);
    if (!procedure) throw new AppError('PROCEDURE_NOT_FOUND', { code: procedureCode });
    const versions = await this.uow.read.catalog.versionsOf(procedure.id, await this.canManage(actor));
    if (versions.length === 0) throw new AppError('PROCEDURE_NOT_FOUND', { code: procedureCode });
    return versions;
  }

  /** Versions in force on a date (default today), filtered, ranked by relevance when searching. */
  listProcedures(filter: ListProceduresFilter): Promise<{ items: ProcedureVersion[]; total: number }> {
    const { query, onDate, ...rest } = filter;
    const words = query ? queryWords(query) : [];
    const search = words.length > 0 ? { words, code: query!.trim() } : undefined;
    return this.uow.read.catalog.listInForce({ ...rest, onDate: onDate ?? this.today(), ...(search ? { search } : {}) });
  }

  /** The drafts waiting for publication (catalogue administrators). */
  async drafts(actor: Actor, limit: number, offset: number): Promise<{ items: ProcedureVersion[]; total: number }> {
    if (!(await this.canManage(actor))) throw new AppError('FORBIDDEN', { reason: 'only catalogue administrators see drafts' });
    return this.uow.read.catalog.listDrafts(limit, offset);
  }

  fields(onDate = this.today()): Promise<FieldCount[]> {
    return this.uow.read.catalog.fieldsInForce(onDate);
  }

  /** Whether the actor manages the catalogue (administrator of a root unit, or system administrator). */
  async canManage(actor: Actor | null): Promise<boolean> {
    if (!actor) return false;
    return canManageCatalogue(actor, await administeredChains(this.uow.read.units, actor, this.today()));
  }
}

/** The chains of the units where the actor holds the administrator role (for the catalogue policy). */
export async function administeredChains(units: UnitsRepository, actor: Actor, onDate: string): Promise<string[][]> {
  const chains: string[][] = [];
  for (const role of actor.roles) {
    if (role.role !== 'administrator') continue;
    const chain = await units.chainOf(role.unitId, onDate);
    if (chain) chains.push(chain);
  }
  return chains;
}
