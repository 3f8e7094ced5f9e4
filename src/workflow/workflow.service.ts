// Use cases on process definitions: drafts are edited, published versions are immutable and in force
// from a date; a running dossier keeps the version it started with (dossiers store its id).
import { randomUUID } from 'node:crypto';
import type { AuditRepository } from '../audit/audit.repository.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import { AppError } from '../errors/app-error.js';
import type { Actor } from '../identity/roles.js';
import { addDays, vietnamDateOf, type Clock } from '../time/clock.js';
import type { UnitsRepository } from '../units/units.repository.js';
import { allSteps, definitionProblems, legalLimitHours, totalHours, type DefinitionProblem, type LegalLimit, type ProcessBody } from './process-definition.js';
import { requireAdministerProcesses } from './workflow.policy.js';
import type { ProcessDefinition, WorkflowRepository } from './workflow.repository.js';

export interface WorkflowRepositories {
  readonly workflows: WorkflowRepository;
  readonly units: UnitsRepository;
  readonly audit: AuditRepository;
}

/** The legal limit of a procedure case on a date (the catalogue answers; throws AppError when unknown). */
export type LegalLimitSource = (procedureCode: string, caseCode: string, onDate: string) => Promise<LegalLimit>;

export interface DraftInput {
  readonly procedureCode: string;
  readonly caseCode: string;
  readonly name: string;
  readonly body: ProcessBody;
}

export class WorkflowService {
  constructor(
    private readonly uow: UnitOfWork<WorkflowRepositories>,
    private readonly clock: Clock,
    private readonly legalLimit: LegalLimitSource,
  ) {}

  private today(): string {
    return vietnamDateOf(this.clock.now());
  }

  async get(id: string): Promise<ProcessDefinition> {
    const definition = await this.uow.read.workflows.findById(id);
    if (!definition) throw new AppError('PROCESS_DEFINITION_NOT_FOUND');
    return definition;
  }

  list(filter: { procedureCode?: string; status?: 'draft' | 'published'; limit: number; offset: number }) {
    return this.uow.read.workflows.list(filter);
  }

  versions(procedureCode: string, caseCode: string): Promise<ProcessDefinition[]> {
    return this.uow.read.workflows.versions(procedureCode, caseCode);
  }

  /** The published definition in force on a legal date for a procedure case. */
  async inForce(procedureCode: string, caseCode: string, onDate = this.today()): Promise<ProcessDefinition> {
    const definition = await this.uow.read.workflows.inForce(procedureCode, caseCode, onDate);
    if (!definition) throw new AppError('PROCESS_DEFINITION_NOT_IN_FORCE', { procedureCode, caseCode, date: onDate });
    return definition;
  }

  /** What would keep a draft from being published, checked against the legal limit on a date (default today). */
  async check(id: string, onDate?: string): Promise<{ problems: DefinitionProblem[]; totalHours: number; legalLimit: LegalLimit & { hours: number } }> {
    const definition = await this.get(id);
    const limit = await this.legalLimit(definition.procedureCode, definition.caseCode, onDate ?? definition.effectiveFrom ?? this.today());
    const problems = [...definitionProblems(definition.body, limit), ...(await this.unitProblems(definition.body, onDate ?? this.today()))];
    return { problems, totalHours: totalHours(definition.body), legalLimit: { ...limit, hours: legalLimitHours(limit) } };
  }

  private async unitProblems(body: ProcessBody, onDate: string): Promise<DefinitionProblem[]> {
    const codes = [...new Set(allSteps(body).flatMap((s) => (s.unit.kind === 'unit' ? [s.unit.unitCode] : [])))];
    if (codes.length === 0) return [];
    const found = await this.uow.read.units.findIdsByCodes(codes);
    const problems: DefinitionProblem[] = [];
    for (const code of codes) {
      const id = found.get(code);
      const unit = id ? await this.uow.read.units.findById(id, onDate) : undefined;
      if (!unit) problems.push({ path: 'stages', code: 'UNKNOWN_UNIT', message: `no unit has the identifier code ${code}`, params: { unitCode: code } });
      else if (unit.validFrom > onDate || (unit.validTo !== null && unit.validTo < onDate)) problems.push({ path: 'stages', code: 'UNIT_NOT_IN_FORCE', message: `unit ${code} is not in force on ${onDate}`, params: { unitCode: code, date: onDate } });
    }
    return problems;
  }

  private async administeredRoots(actor: Actor): Promise<string[]> {
    const roots: string[] = [];
    for (const assignment of actor.roles) {
      if (assignment.role !== 'administrator') continue;
      const chain = await this.uow.read.units.chainOf(assignment.unitId, this.today());
      if (chain && chain.length === 1) roots.push(assignment.unitId);
    }
    return roots;
  }

  async createDraft(actor: Actor, input: DraftInput): Promise<ProcessDefinition> {
    requireAdministerProcesses(actor, await this.administeredRoots(actor));
    // The procedure case must exist (today or from a later date); its limit is checked at publication.
    await this.legalLimit(input.procedureCode, input.caseCode, this.today()).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'PROCEDURE_NOT_IN_FORCE') return null;
      throw error;
    });
    const now = this.clock.now().toISOString();
    const id = randomUUID();
    return this.uow.write(async ({ workflows, audit }) => {
      const version = (await workflows.maxVersion(input.procedureCode, input.caseCode)) + 1;
      await workflows.insertDraft({ id, procedureCode: input.procedureCode, caseCode: input.caseCode, version, name: input.name.normalize('NFC').trim(), body: input.body, totalHours: totalHours(input.body), createdBy: actor.userId }, now);
      await audit.append({ occurredAt: now, actorUserId: actor.userId, action: 'process_definition.drafted', entityType: 'process_definition', entityId: id, details: { procedureCode: input.procedureCode, caseCode: input.caseCode, version } });
      return (await workflows.findById(id))!;
    });
  }

  async updateDraft(actor: Actor, id: string, change: { revision: number; name?: string; body?: ProcessBody }): Promise<ProcessDefinition> {
    requireAdministerProcesses(actor, await this.administeredRoots(actor));
    const now = this.clock.now().toISOString();
    return this.uow.write(async ({ workflows, audit }) => {
      const current = await workflows.findById(id);
      if (!current) throw new AppError('PROCESS_DEFINITION_NOT_FOUND');
      if (current.status !== 'draft') throw new AppError('PROCESS_DEFINITION_PUBLISHED');
      const body = change.body ?? current.body;
      const ok = await workflows.updateDraft(id, change.revision, { name: change.name?.normalize('NFC').trim() ?? current.name, body, totalHours: totalHours(body) }, now);
      if (!ok) throw new AppError('PROCESS_DEFINITION_REVISION_CONFLICT', { currentRevision: current.revision });
      await audit.append({ occurredAt: now, actorUserId: actor.userId, action: 'process_definition.edited', entityType: 'process_definition', entityId: id, details: { revision: change.revision + 1 } });
      return (await workflows.findById(id))!;
    });
  }

  /**
   * Publishes a draft from a date (today or later): checks it completely (allotments add up to the legal
   * limit in force that day, named units exist and are in force), then closes the version in force.
   */
  async publish(actor: Actor, id: string, input: { revision: number; effectiveFrom?: string }): Promise<ProcessDefinition> {
    requireAdministerProcesses(actor, await this.administeredRoots(actor));
    const today = this.today();
    const effectiveFrom = input.effectiveFrom ?? today;
    // Only a system administrator may date a version in the past (configuring history for imported dossiers).
    if (effectiveFrom < today && !actor.isSystemAdmin) throw new AppError('PROCESS_DEFINITION_PAST_DATE', { field: 'effectiveFrom', earliest: today });
    const draft = await this.get(id);
    if (draft.status !== 'draft') throw new AppError('PROCESS_DEFINITION_PUBLISHED');
    const limit = await this.legalLimit(draft.procedureCode, draft.caseCode, effectiveFrom);
    const problems = [...definitionProblems(draft.body, limit), ...(await this.unitProblems(draft.body, effectiveFrom))];
    if (problems.length > 0) throw new AppError('PROCESS_DEFINITION_INVALID', { problems });
    const now = this.clock.now().toISOString();
    return this.uow.write(async ({ workflows, audit }) => {
      const previous = await workflows.latestPublished(draft.procedureCode, draft.caseCode);
      if (previous && previous.effectiveFrom! >= effectiveFrom) throw new AppError('PROCESS_DEFINITION_PAST_DATE', { field: 'effectiveFrom', earliest: addDays(previous.effectiveFrom!, 1) });
      if (!(await workflows.publish(id, input.revision, effectiveFrom, actor.userId, now))) throw new AppError('PROCESS_DEFINITION_REVISION_CONFLICT');
      if (previous && (previous.effectiveTo === null || previous.effectiveTo >= effectiveFrom)) await workflows.close(previous.id, addDays(effectiveFrom, -1), now);
      await audit.append({ occurredAt: now, actorUserId: actor.userId, action: 'process_definition.published', entityType: 'process_definition', entityId: id, details: { effectiveFrom, replaces: previous?.id ?? null } });
      return (await workflows.findById(id))!;
    });
  }

  async deleteDraft(actor: Actor, id: string): Promise<void> {
    requireAdministerProcesses(actor, await this.administeredRoots(actor));
    const now = this.clock.now().toISOString();
    await this.uow.write(async ({ workflows, audit }) => {
      const current = await workflows.findById(id);
      if (!current) throw new AppError('PROCESS_DEFINITION_NOT_FOUND');
      if (!(await workflows.deleteDraft(id))) throw new AppError('PROCESS_DEFINITION_PUBLISHED');
      await audit.append({ occurredAt: now, actorUserId: actor.userId, action: 'process_definition.draft_deleted', entityType: 'process_definition', entityId: id, details: { procedureCode: current.procedureCode, caseCode: current.caseCode, version: current.version } });
    });
  }
}
