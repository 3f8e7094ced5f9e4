// What a command needs from outside the dossier: the procedure case (catalogue), the process definition
// in force (workflow), units, and due dates (the legal clock). Computed before the write transaction and
// carried in the events, so folding events never needs them.
import { REFERENCE_DATA_TTL_MS, TtlCache } from '../cache/ttl-cache.js';
import type { CalendarService } from '../calendar/calendar.service.js';
import { classifyCompletion } from '../calendar/classify.js';
import { ruleSetById } from '../calendar/rule-sets.js';
import { AppError } from '../errors/app-error.js';
import { vietnamDateOf } from '../time/clock.js';
import type { UnitsRepository } from '../units/units.repository.js';
import { allotmentHours, locateStep, nextInBranch, openingSteps, type ProcessBody, type StepPosition, type StepUnit } from '../workflow/process-definition.js';
import type { ProcessDefinition } from '../workflow/workflow.repository.js';
import type { TaskStart } from './dossier-events.js';
import type { DossierState, Pause, ProcedureRef, Task, Timeliness } from './dossier.js';

export interface ProcedureCaseInfo {
  readonly ref: ProcedureRef;
  readonly levels: readonly string[];
  /** full_online (toàn trình), partly_online (một phần) or offline: online filing only for the first two. */
  readonly onlineLevel: string;
  readonly components: ReadonlyArray<{ readonly code: string; readonly name: string; readonly mandatory: boolean }>;
}

/** The catalogue, as the dossier module needs it (wired in composition.ts). */
export type ProcedureCaseSource = (procedureCode: string, caseCode: string, onDate: string) => Promise<ProcedureCaseInfo>;
/** The process definitions, as the dossier module needs them. */
export interface DefinitionSource {
  inForce(procedureCode: string, caseCode: string, onDate: string): Promise<ProcessDefinition>;
  get(id: string): Promise<ProcessDefinition>;
}

export class DossierPlanner {
  private readonly caseCache = new TtlCache<ProcedureCaseInfo>(REFERENCE_DATA_TTL_MS);
  private readonly inForceCache = new TtlCache<ProcessDefinition>(REFERENCE_DATA_TTL_MS);
  /** Published definitions never change: kept as long as there is room. */
  private readonly definitionCache = new TtlCache<ProcessDefinition>(Number.POSITIVE_INFINITY, 2_000);
  private readonly unitIdCache = new TtlCache<string | undefined>(REFERENCE_DATA_TTL_MS);

  constructor(
    private readonly calendar: CalendarService,
    private readonly definitions: DefinitionSource,
    private readonly procedures: ProcedureCaseSource,
    private readonly units: UnitsRepository,
    private readonly newId: () => string,
  ) {}

  newTaskId(): string {
    return this.newId();
  }

  procedureCase(procedureCode: string, caseCode: string, onDate: string): Promise<ProcedureCaseInfo> {
    return this.caseCache.get(`${procedureCode}|${caseCode}|${onDate}`, () => this.procedures(procedureCode, caseCode, onDate));
  }

  definitionInForce(state: DossierState, onDate: string): Promise<ProcessDefinition> {
    const { code, caseCode } = state.procedure;
    return this.inForceCache.get(`${code}|${caseCode}|${onDate}`, () => this.definitions.inForce(code, caseCode, onDate));
  }

  async definitionOf(state: DossierState): Promise<ProcessBody> {
    const id = state.definitionId;
    if (!id) throw new AppError('DOSSIER_NOT_RECEIVED');
    // A dossier keeps the definition it was received under, and a published definition never changes.
    return (await this.definitionCache.get(id, () => this.definitions.get(id))).body;
  }

  ruleSetIdOn(receivedAt: Date): string | null {
    return this.calendar.ruleSetFor(receivedAt)?.id ?? null;
  }

  /** The appointment for a receipt instant (cut-off of the case or the rule set's default for the channel). */
  async appointment(state: DossierState, receivedAt: Date, pauses: readonly Pause[] = []): Promise<{ dueAt: string | null; ruleSetId: string | null; explanation: { vi: string[]; en: string[] } | null }> {
    const ruleSet = this.calendar.ruleSetFor(receivedAt);
    const cutOff = state.procedure.cutOff ?? (state.channel === 'online' || state.channel === 'messaging' ? ruleSet?.onlineCutOff : ruleSet?.deskCutOff) ?? null;
    if (state.procedure.noAppointmentDate) return { dueAt: null, ruleSetId: ruleSet?.id ?? null, explanation: null };
    const result = await this.calendar.explainedDueDate({
      receivedAt,
      duration: state.procedure.timeLimit,
      cutOff,
      unitId: state.receivingUnitId,
      pauses: pauses.map((p) => ({ from: new Date(p.from), to: p.to ? new Date(p.to) : null, reason: p.kind })),
    });
    return { dueAt: result.dueAt?.toISOString() ?? null, ruleSetId: result.ruleSetId, explanation: result.explanation };
  }

  /** End of a step's allotment: working hours from its start, on the acting unit's calendar, paused time not counted. */
  async stepDue(unitId: string, startedAt: string, hours: number, pauses: readonly Pause[] = []): Promise<string | null> {
    const due = await this.calendar.plainDueDate({
      receivedAt: new Date(startedAt),
      duration: { amount: hours, unit: 'working_hours' },
      cutOff: null,
      unitId,
      pauseRule: 'subtract_paused_time',
      pauses: pauses.filter((p) => p.to !== null && p.to > startedAt).map((p) => ({ from: new Date(p.from > startedAt ? p.from : startedAt), to: new Date(p.to!) })),
    });
    return due?.toISOString() ?? null;
  }

  /** The instant one working day (8 working hours) from now: what is due before it is "due soon". */
  async oneWorkingDayFrom(instant: Date): Promise<string> {
    return (await this.calendar.plainDueDate({ receivedAt: instant, duration: { amount: 8, unit: 'working_hours' }, cutOff: null }))!.toISOString();
  }

  /** The unit that acts for a step of this dossier. */
  async unitFor(state: DossierState, unit: StepUnit, onDate: string): Promise<string> {
    if (unit.kind === 'receiving_desk') return state.receivingUnitId;
    if (unit.kind === 'applicant_commune') {
      if (state.applicant.communeUnitId) return state.applicant.communeUnitId;
      const commune = await this.unitIdCache.get(`commune-of|${state.receivingUnitId}|${onDate}`, async () => {
        for (const id of (await this.units.chainOf(state.receivingUnitId, onDate)) ?? []) {
          if ((await this.units.findById(id, onDate))?.type === 'commune') return id;
        }
        return undefined;
      });
      if (!commune) throw new AppError('DOSSIER_STEP_UNIT_UNRESOLVED', { step: 'applicant_commune' });
      return commune;
    }
    const id = await this.unitIdCache.get(unit.unitCode, async () => (await this.units.findIdsByCodes([unit.unitCode])).get(unit.unitCode));
    if (!id) throw new AppError('DOSSIER_STEP_UNIT_UNRESOLVED', { unitCode: unit.unitCode });
    return id;
  }

  /** Starts the given steps at `at`, handed over from `fromUnitId`. */
  async startSteps(state: DossierState, positions: readonly StepPosition[], at: string, fromUnitId: string | null, noDueDates: boolean): Promise<TaskStart[]> {
    const starts: TaskStart[] = [];
    for (const position of positions) {
      const step = position.step;
      const unitId = await this.unitFor(state, step.unit, vietnamDateOf(new Date(at)));
      starts.push({
        id: this.newId(),
        stepKey: step.key,
        stepName: step.name,
        kind: step.kind,
        stageIndex: position.stageIndex,
        branchKey: position.branchKey,
        role: step.role,
        unitId,
        fromUnitId,
        startedAt: at,
        dueAt: noDueDates ? null : await this.stepDue(unitId, at, allotmentHours(step.allotment), state.pauses),
      });
    }
    return starts;
  }

  /** What starts when a task ends: the next step of its branch, or (when its stage has joined) the next stage. */
  async afterCompletion(state: DossierState, body: ProcessBody, task: Task, at: string, jumpToLastStage: boolean): Promise<{ started: TaskStart[]; cancelled: string[] }> {
    const noDue = state.legalDueAt === null;
    const position = locateStep(body, task.stepKey);
    if (!position) throw new AppError('DOSSIER_TASK_NOT_FOUND');
    const lastStage = body.stages.length - 1;
    if (jumpToLastStage) {
      // After a refusal: the remaining processing steps are skipped; the refusal goes back to the desk.
      const cancelled = state.tasks.filter((t) => t.status === 'active' && t.id !== task.id && t.kind !== 'consult').map((t) => t.id);
      return { started: await this.startSteps(state, openingSteps(body, lastStage), at, task.unitId, noDue), cancelled };
    }
    const next = nextInBranch(body, position);
    if (next) return { started: await this.startSteps(state, [next], at, task.unitId, noDue), cancelled: [] };
    const stillRunning = state.tasks.some((t) => t.status === 'active' && t.id !== task.id && t.kind !== 'consult' && t.stageIndex === position.stageIndex);
    if (stillRunning) return { started: [], cancelled: [] };
    // The stage has joined: hand over from the lead branch's unit.
    const stage = body.stages[position.stageIndex]!;
    const leadKey = stage.branches.find((b) => b.lead)?.key ?? stage.branches[0]!.key;
    const leadTask = [...state.tasks].reverse().find((t) => t.stageIndex === position.stageIndex && t.branchKey === leadKey);
    const from = leadKey === task.branchKey ? task.unitId : (leadTask?.unitId ?? task.unitId);
    return { started: await this.startSteps(state, openingSteps(body, position.stageIndex + 1), at, from, noDue), cancelled: [] };
  }
}

/** The appointment the applicant holds once a pause ends: after an apology, the promised date unless the legal one is now later. */
export function applicantDueAfterPause(state: DossierState, legalDueAt: string | null): string | null {
  return state.apology && legalDueAt && state.apology.newDueAt > legalDueAt ? state.apology.newDueAt : legalDueAt;
}

/** Early / on time / late of a step against its allotment (by the instant). */
export function stepTimeliness(task: Pick<Task, 'dueAt'>, finishedAt: string): Timeliness | null {
  return task.dueAt ? classifyCompletion(new Date(task.dueAt), new Date(finishedAt), 'by_instant') : null;
}

/**
 * Early / on time / late of the dossier against its legal appointment (never the apology's date), by
 * the rule set in force at receipt. Under the Decision 766 measurement a dossier asked for supplements
 * more than once during processing counts as late.
 */
export function dossierTimeliness(state: DossierState, resolvedAt: string): Timeliness | null {
  if (!state.legalDueAt) return state.procedure.noAppointmentDate ? 'on_time' : null;
  const ruleSet = state.ruleSetId ? ruleSetById(state.ruleSetId) : undefined;
  const rule = ruleSet?.timelinessRule ?? 'by_day';
  if (rule === 'by_instant' && state.pauses.filter((p) => p.kind === 'supplement').length > 1) return 'late';
  return classifyCompletion(new Date(state.legalDueAt), new Date(resolvedAt), rule);
}
