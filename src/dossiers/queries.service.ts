// Reading dossiers: the staff view (with what the reader may do), the timeline of events, the control
// sheet, worklists by role and unit, the search, and the public lookup by code (no personal data).
import { AppError } from '../errors/app-error.js';
import { holdsRoleAt, type Actor, type Role } from '../identity/roles.js';
import type { DossierContext } from './dossier-context.js';
import type { StoredEvent } from './dossiers.repository.js';
import { awaitsTheDesk, nationalChannelOf, nationalStatusOf, openPause, STATUS_LABELS, type DossierState, type Task } from './dossier.js';
import { canAssign, canWorkOn, isDeskOfficer, requireView, type Chains, type DossierPermissions } from './dossiers.policy.js';
import { isClosed } from './transitions.js';

export type WorklistView = 'to_receive' | 'mine' | 'unassigned' | 'due_soon' | 'overdue';
export const WORKLIST_VIEWS: readonly WorklistView[] = ['to_receive', 'mine', 'unassigned', 'due_soon', 'overdue'];

export interface Urgency {
  readonly isAtRisk: boolean;
  readonly isOverdue: boolean;
}

function inProcess(state: DossierState): boolean {
  return !isClosed(state) && ['received', 'processing', 'supplement_requested', 'payment_requested'].includes(state.status);
}

export class DossierQueries {
  constructor(private readonly ctx: DossierContext) {}

  private async urgency(state: DossierState, now: Date, threshold?: string): Promise<Urgency> {
    if (!state.dueAt || !inProcess(state) || openPause(state)) return { isAtRisk: false, isOverdue: false };
    const nowIso = now.toISOString();
    if (state.dueAt < nowIso) return { isAtRisk: true, isOverdue: true };
    const limit = threshold ?? (await this.ctx.planner.oneWorkingDayFrom(now));
    return { isAtRisk: state.dueAt <= limit, isOverdue: false };
  }

  private permissions(actor: Actor, state: DossierState, chains: Chains): DossierPermissions {
    const desk = isDeskOfficer(actor, state.receivingUnitId, chains);
    const working = inProcess(state) && !openPause(state);
    const active = state.tasks.filter((t) => t.status === 'active');
    const leader = active.some((t) => t.kind !== 'consult' && holdsRoleAt(actor, 'leader', chains.get(t.unitId) ?? [t.unitId])) || holdsRoleAt(actor, 'leader', chains.get(state.receivingUnitId) ?? []);
    return {
      receive: desk && awaitsTheDesk(state),
      returnResult: desk && state.status === 'resolved',
      apologise: leader && inProcess(state) && state.apology === null,
      stopOrWithdraw: desk && !isClosed(state) && state.status !== 'resolved' && state.decision === null,
      resume: desk && inProcess(state) && openPause(state) !== undefined,
      cancel: !isClosed(state) && holdsRoleAt(actor, 'administrator', chains.get(state.receivingUnitId) ?? []),
      workableTaskIds: working ? active.filter((t) => t.kind !== 'return' && canWorkOn(actor, t, chains)).map((t) => t.id) : active.filter((t) => t.kind === 'consult' && canWorkOn(actor, t, chains)).map((t) => t.id),
      assignableTaskIds: working ? active.filter((t) => t.kind !== 'return' && canAssign(actor, t, chains)).map((t) => t.id) : [],
    };
  }

  /** A dossier for staff who may see it: everything, with what this reader may do now. */
  async get(actor: Actor, id: string): Promise<DossierState & Urgency & { permissions: DossierPermissions }> {
    return this.forReader(actor, (await this.ctx.store.load(id)).state);
  }

  async getByCode(actor: Actor, code: string) {
    const stored = await this.ctx.store.uow.read.dossiers.findByCode(code.trim().toUpperCase());
    if (!stored) throw new AppError('DOSSIER_NOT_FOUND');
    return this.forReader(actor, stored.state);
  }

  private async forReader(actor: Actor, state: DossierState): Promise<DossierState & Urgency & { permissions: DossierPermissions }> {
    const chains = await this.ctx.chains([], state);
    requireView(actor, state, chains);
    return { ...state, ...(await this.urgency(state, this.ctx.now())), permissions: this.permissions(actor, state, chains) };
  }

  async events(actor: Actor, id: string): Promise<StoredEvent[]> {
    const { state } = await this.ctx.store.load(id);
    requireView(actor, state, await this.ctx.chains([], state));
    return this.ctx.store.uow.read.dossiers.events(id);
  }

  /** The processing control sheet (phiếu kiểm soát): each hand-over, from which unit to which, when, and the step's result. */
  async controlSheet(actor: Actor, id: string) {
    const { state } = await this.ctx.store.load(id);
    requireView(actor, state, await this.ctx.chains([], state));
    const names = await this.unitNames([...new Set(state.tasks.flatMap((t) => [t.unitId, ...(t.fromUnitId ? [t.fromUnitId] : [])]))]);
    return {
      code: state.code,
      receivedAt: state.receivedAt,
      dueAt: state.dueAt,
      legalDueAt: state.legalDueAt,
      rows: state.tasks
        .filter((t) => t.status !== 'cancelled')
        .map((t) => ({
          step: t.stepName,
          kind: t.kind,
          fromUnit: t.fromUnitId ? { id: t.fromUnitId, name: names.get(t.fromUnitId) ?? '' } : null,
          toUnit: { id: t.unitId, name: names.get(t.unitId) ?? '' },
          handedOverAt: t.startedAt,
          dueAt: t.dueAt,
          finishedAt: t.finishedAt,
          result: t.timeliness,
          note: t.note,
        })),
    };
  }

  private async unitNames(ids: readonly string[]): Promise<Map<string, string>> {
    return ids.length === 0 ? new Map() : this.ctx.store.uow.read.units.namesOf(ids);
  }

  /** Units where the actor holds a role itself (worklists show one's own desk and unit, not the whole subtree). */
  private unitsWithRole(actor: Actor, roles: readonly Role[]): string[] {
    return [...new Set(actor.roles.filter((r) => roles.includes(r.role)).map((r) => r.unitId))];
  }

  async worklist(actor: Actor, view: WorklistView, page: { limit: number; offset: number }) {
    const now = this.ctx.now();
    const threshold = await this.ctx.planner.oneWorkingDayFrom(now);
    const counts = {} as Record<WorklistView, number>;
    let items: Array<{ task: Task | null; state: DossierState }> = [];
    // Every list is counted; only the one asked for returns rows.
    for (const candidate of WORKLIST_VIEWS) {
      const result = await this.fetchView(actor, candidate, candidate === view ? page : { limit: 0, offset: 0 }, now.toISOString(), threshold);
      counts[candidate] = result.total;
      if (candidate === view) items = result.items;
    }
    const rows = [];
    for (const { task, state } of items) {
      rows.push({
        task: task && { id: task.id, name: task.stepName, kind: task.kind, role: task.role, unitId: task.unitId, assigneeId: task.assigneeId, startedAt: task.startedAt, dueAt: task.dueAt },
        dossier: { id: state.id, code: state.code, status: state.status, procedureName: state.procedure.name, applicantName: state.applicant.name, receivedAt: state.receivedAt, submittedAt: state.submittedAt, dueAt: state.dueAt, ...(await this.urgency(state, now, threshold)) },
      });
    }
    return { view, items: rows, total: counts[view], counts };
  }

  private async fetchView(actor: Actor, view: WorklistView, page: { limit: number; offset: number }, now: string, threshold: string): Promise<{ items: Array<{ task: Task | null; state: DossierState }>; total: number }> {
    const repo = this.ctx.store.uow.read.dossiers;
    // Steps are worked by the holder of their role in their own unit (the working roles do not cascade).
    const holdings = actor.roles.filter((r) => r.role === 'desk_officer' || r.role === 'specialist' || r.role === 'leader');
    const withTask = async (result: { items: Array<{ taskId: string; state: DossierState }>; total: number }) => ({ total: result.total, items: result.items.map((r) => ({ task: r.state.tasks.find((t) => t.id === r.taskId) ?? null, state: r.state })) });
    switch (view) {
      case 'to_receive': {
        const result = await repo.awaitingTheDesk(this.unitsWithRole(actor, ['desk_officer']), page.limit, page.offset);
        return { total: result.total, items: result.items.map((state) => ({ task: null, state })) };
      }
      case 'mine':
        return withTask(await repo.activeTasks({ holdings: [], assigneeId: actor.userId, ...page }));
      case 'unassigned':
        return withTask(await repo.activeTasks({ holdings, unassignedOnly: true, ...page }));
      case 'due_soon':
        return withTask(await repo.activeTasks({ holdings, dueBefore: threshold, ...page }));
      case 'overdue':
        return withTask(await repo.activeTasks({ holdings, dueBefore: now, ...page }));
    }
  }

  /** Staff search: dossiers of the units the actor works in (all for system administrators). */
  async search(actor: Actor, filter: { status?: string; code?: string; applicantIdNumber?: string; limit: number; offset: number }) {
    const unitIds = actor.isSystemAdmin ? null : await this.visibleUnits(actor);
    return this.ctx.store.uow.read.dossierUnits.search({ unitIds, ...filter, ...(filter.code ? { code: filter.code.trim().toUpperCase() } : {}) });
  }

  /** Units whose dossiers the actor sees: where they hold a role, and below for administrators and supervisors. */
  private async visibleUnits(actor: Actor): Promise<string[]> {
    const ids = new Set<string>();
    for (const assignment of actor.roles) {
      if (assignment.role === 'administrator' || assignment.role === 'supervisor') {
        for (const unit of await this.ctx.store.uow.read.units.subtree(assignment.unitId, this.ctx.today())) ids.add(unit.id);
      } else ids.add(assignment.unitId);
    }
    return [...ids];
  }

  /** The public lookup (no login): procedure, status, appointment and progress by step — no personal data. */
  async publicLookup(code: string) {
    const stored = await this.ctx.store.uow.read.dossiers.findByCode(code.trim().toUpperCase());
    if (!stored || stored.state.status === 'cancelled') throw new AppError('DOSSIER_NOT_FOUND');
    const state = stored.state;
    const names = await this.unitNames([...new Set([state.receivingUnitId, ...state.tasks.map((t) => t.unitId)])]);
    const pause = openPause(state);
    return {
      code: state.code!,
      procedureName: state.procedure.name,
      caseName: state.procedure.caseName,
      receivingUnitName: names.get(state.receivingUnitId) ?? '',
      status: state.status,
      statusLabel: STATUS_LABELS[state.status],
      nationalStatus: nationalStatusOf(state.status),
      nationalChannel: nationalChannelOf(state.channel),
      receivedAt: state.receivedAt,
      dueAt: state.dueAt,
      apologyIssued: state.apology !== null,
      resolvedAt: state.resolvedAt,
      returnedAt: state.returnedAt,
      progress: state.tasks
        .filter((t) => t.status !== 'cancelled' && t.kind !== 'consult')
        .map((t) => ({ step: { ...t.stepName }, unitName: names.get(t.unitId) ?? '', status: t.status, startedAt: t.startedAt, finishedAt: t.finishedAt })),
      askedOfApplicant: pause ? { kind: pause.kind, items: [...pause.items], amount: pause.amount ?? null, since: pause.from } : null,
    };
  }
}
