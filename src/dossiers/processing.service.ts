// Processing (LAW.md §1.3 Art. 19): take up and assign steps, complete them (forward to the next step,
// or join parallel branches), send back to an earlier step, consult another unit, pause for a supplement
// or a payment and resume, record the decision, and apologise with one new date when late.
import type { IdentityRepository } from '../identity/identity.repository.js';
import { AppError } from '../errors/app-error.js';
import { holdsRoleAt, type Actor } from '../identity/roles.js';
import { allotmentHours, locateStep, stepsToReturnTo } from '../workflow/process-definition.js';
import { cleanText, type CommandOptions, type DossierContext } from './dossier-context.js';
import type { DossierEventBody } from './dossier-events.js';
import { applicantDueAfterPause, dossierTimeliness, stepTimeliness } from './dossier-planning.js';
import type { Decision as StoreDecision } from './dossier-store.js';
import { openPause, type Decision, type DossierState, type Task } from './dossier.js';
import { canAssign, requireDeskOfficer, requireLeaderOnDossier, requireWorkingOnDossier, requireWorkOn } from './dossiers.policy.js';
import { requireInProcess, requireWorkable } from './transitions.js';

export interface DecisionInput {
  readonly outcome: Decision['outcome'];
  readonly note?: string | null;
  readonly documents?: Decision['documents'];
}

function activeTask(state: DossierState, taskId: string): Task {
  const task = state.tasks.find((t) => t.id === taskId);
  if (!task) throw new AppError('DOSSIER_TASK_NOT_FOUND');
  if (task.status !== 'active') throw new AppError('DOSSIER_TASK_NOT_ACTIVE', { status: task.status });
  return task;
}

export class ProcessingService {
  constructor(
    private readonly ctx: DossierContext,
    private readonly identity: IdentityRepository,
  ) {}

  private run(actor: Actor, id: string, operation: string, request: unknown, options: CommandOptions, decide: (state: DossierState, at: string) => Promise<StoreDecision>, unitOf: (state: DossierState) => string | null = () => null): Promise<DossierState> {
    return this.ctx.staffCommand(actor, id, operation, request, options, decide, unitOf);
  }

  /** Takes up a step (no assignee: oneself) or, for a leader of the step's unit, assigns it to a member of staff. */
  async assign(actor: Actor, id: string, taskId: string, input: { assigneeId?: string } = {}, options: CommandOptions = {}): Promise<DossierState> {
    const assigneeId = input.assigneeId ?? actor.userId;
    return this.run(actor, id, `assign:${taskId}`, input, options, async (state) => {
      requireWorkable(state, 'assign');
      const task = activeTask(state, taskId);
      if (task.kind === 'intake') throw new AppError('DOSSIER_TASK_WRONG_ACTION');
      const chains = await this.ctx.chains([task.unitId], state);
      if (assigneeId === actor.userId) requireWorkOn(actor, task, chains);
      else if (!canAssign(actor, task, chains)) throw new AppError('FORBIDDEN', { reason: 'only a leader of the step’s unit assigns it to someone else' });
      if (assigneeId !== actor.userId) {
        const roles = await this.identity.rolesOf(assigneeId);
        const user = await this.identity.findUserById(assigneeId);
        const holds = roles.some((r) => r.role === task.role && r.unitId === task.unitId);
        if (!user || user.disabledAt || !holds) throw new AppError('DOSSIER_ASSIGNEE_INVALID', { field: 'assigneeId', role: task.role });
      }
      return { events: [{ type: 'task_assigned', taskId, assigneeId }] };
    }, (state) => state.tasks.find((t) => t.id === taskId)?.unitId ?? null);
  }

  /**
   * Completes a step and hands the dossier on: the next step of its branch; when every branch of a
   * parallel stage has ended, the next stage; the decision step records the decision (a refusal skips
   * to the return of the refusal); starting the return step means the dossier is resolved (status 9).
   */
  async complete(actor: Actor, id: string, taskId: string, input: { note?: string | null; decision?: DecisionInput } = {}, options: CommandOptions = {}): Promise<DossierState> {
    return this.run(actor, id, `complete:${taskId}`, input, options, async (state, at) => {
      requireWorkable(state, 'complete_step');
      const task = activeTask(state, taskId);
      requireWorkOn(actor, task, await this.ctx.chains([task.unitId], state));
      if (task.kind === 'return' || task.kind === 'consult' || task.kind === 'intake') throw new AppError('DOSSIER_TASK_WRONG_ACTION', { kind: task.kind });
      const events: DossierEventBody[] = [];
      let refused = false;
      if (task.kind === 'decide') {
        if (!input.decision) throw new AppError('DOSSIER_DECISION_REQUIRED', { field: 'decision' });
        if (input.decision.outcome === 'refused' && !input.decision.note?.trim()) throw new AppError('DOSSIER_DECISION_REQUIRED', { field: 'decision.note', reason: 'a refusal states its reasons' });
        refused = input.decision.outcome === 'refused';
        await this.ctx.requireAttachments((input.decision.documents ?? []).map((d) => d.attachmentId), 'decision.documents');
        events.push({ type: 'decision_recorded', outcome: input.decision.outcome, note: input.decision.note ? cleanText(input.decision.note) : null, documents: input.decision.documents ?? [] });
      } else if (input.decision) {
        throw new AppError('DOSSIER_TRANSITION_NOT_ALLOWED', { reason: 'only the decision step records a decision' });
      }
      const body = await this.ctx.planner.definitionOf(state);
      const next = await this.ctx.planner.afterCompletion(state, body, task, at, refused);
      const resolves = next.started.some((t) => t.kind === 'return');
      events.push({
        type: 'task_completed',
        taskId,
        note: input.note ? cleanText(input.note) : null,
        timeliness: stepTimeliness(task, at),
        started: next.started,
        cancelledTaskIds: next.cancelled,
        resolution: resolves ? { timeliness: dossierTimeliness(state, at) } : null,
      });
      return { events };
    }, (state) => state.tasks.find((t) => t.id === taskId)?.unitId ?? null);
  }

  /** Sends the dossier back to an earlier step with a reason (trả lại bước trước). */
  async sendBack(actor: Actor, id: string, taskId: string, input: { toStepKey: string; reason: string }, options: CommandOptions = {}): Promise<DossierState> {
    return this.run(actor, id, `send-back:${taskId}`, input, options, async (state, at) => {
      requireWorkable(state, 'send_back');
      const task = activeTask(state, taskId);
      requireWorkOn(actor, task, await this.ctx.chains([task.unitId], state));
      const body = await this.ctx.planner.definitionOf(state);
      if (!stepsToReturnTo(body, task.stepKey).includes(input.toStepKey)) throw new AppError('DOSSIER_SEND_BACK_TARGET_INVALID', { field: 'toStepKey', allowed: stepsToReturnTo(body, task.stepKey) });
      const target = locateStep(body, input.toStepKey)!;
      const started = await this.ctx.planner.startSteps(state, [target], at, task.unitId, state.legalDueAt === null);
      return { events: [{ type: 'task_sent_back', taskId, reason: cleanText(input.reason), timeliness: stepTimeliness(task, at), started }] };
    }, (state) => state.tasks.find((t) => t.id === taskId)?.unitId ?? null);
  }

  /** Asks another unit's opinion with a deadline (Art. 19(5)); the reply lands on the control sheet. */
  async consult(actor: Actor, id: string, input: { unitId: string; question: string; workingDays: number }, options: CommandOptions = {}): Promise<DossierState> {
    return this.run(actor, id, 'consult', input, options, async (state, at) => {
      requireWorkable(state, 'consult');
      requireWorkingOnDossier(actor, state, await this.ctx.chains([], state));
      const unit = await this.ctx.store.uow.read.units.findById(input.unitId, this.ctx.today());
      if (!unit) throw new AppError('UNIT_NOT_FOUND', { field: 'unitId' });
      const from = state.tasks.find((t) => t.status === 'active' && t.kind !== 'consult')?.unitId ?? null;
      const dueAt = await this.ctx.planner.stepDue(input.unitId, at, input.workingDays * 8);
      const consultation = { id: this.ctx.planner.newTaskId(), stepKey: 'consultation', stepName: { vi: 'Xin ý kiến', en: 'Consultation' }, kind: 'consult' as const, stageIndex: -1, branchKey: 'consultation', role: 'specialist' as const, unitId: input.unitId, fromUnitId: from, startedAt: at, dueAt };
      return { events: [{ type: 'consultation_requested', consultation, question: cleanText(input.question) }] };
    });
  }

  async answerConsultation(actor: Actor, id: string, taskId: string, input: { answer: string }, options: CommandOptions = {}): Promise<DossierState> {
    return this.run(actor, id, `answer:${taskId}`, input, options, async (state, at) => {
      requireInProcess(state, 'answer_consultation');
      const task = activeTask(state, taskId);
      if (task.kind !== 'consult') throw new AppError('DOSSIER_TASK_WRONG_ACTION', { kind: task.kind });
      requireWorkOn(actor, task, await this.ctx.chains([task.unitId], state));
      return { events: [{ type: 'consultation_answered', taskId, answer: cleanText(input.answer), timeliness: stepTimeliness(task, at) }] };
    }, (state) => state.tasks.find((t) => t.id === taskId)?.unitId ?? null);
  }

  /** The applicant must supplement the dossier: the clock stops (form 02, every item at once). */
  async requestSupplement(actor: Actor, id: string, input: { reason: string; items: readonly string[] }, options: CommandOptions = {}): Promise<DossierState> {
    return this.run(actor, id, 'request-supplement', input, options, async (state) => {
      requireWorkable(state, 'request_supplement');
      requireWorkingOnDossier(actor, state, await this.ctx.chains([], state));
      return { events: [{ type: 'supplement_requested', reason: cleanText(input.reason), items: input.items.map(cleanText) }] };
    });
  }

  /** The applicant must pay fees or taxes (financial obligation): the clock stops until paid. */
  async requestPayment(actor: Actor, id: string, input: { reason: string; items: readonly string[]; amount: number }, options: CommandOptions = {}): Promise<DossierState> {
    return this.run(actor, id, 'request-payment', input, options, async (state) => {
      requireWorkable(state, 'request_payment');
      requireWorkingOnDossier(actor, state, await this.ctx.chains([], state));
      return { events: [{ type: 'payment_requested', reason: cleanText(input.reason), items: input.items.map(cleanText), amount: input.amount }] };
    });
  }

  /**
   * The desk records the supplement or the payment: the clock runs again. The legal appointment is
   * recomputed with the pause (rule set in force at receipt: paused time not counted, or the limit
   * restarting); steps under way get their paused time back too.
   */
  async resume(actor: Actor, id: string, input: { paymentReference?: string | null } = {}, options: CommandOptions = {}): Promise<DossierState> {
    return this.run(actor, id, 'resume', input, options, async (state, at) => {
      requireInProcess(state, 'resume');
      requireDeskOfficer(actor, state, await this.ctx.chains([state.receivingUnitId]));
      const pause = openPause(state);
      if (!pause) throw new AppError('DOSSIER_TRANSITION_NOT_ALLOWED', { reason: 'the dossier is not waiting for the applicant' });
      const pauses = state.pauses.map((p) => (p.to === null ? { ...p, to: at } : p));
      const legal = await this.ctx.planner.appointment(state, new Date(state.receivedAt!), pauses);
      const legalDueAt = legal.dueAt;
      const dueAt = applicantDueAfterPause(state, legalDueAt);
      const body = await this.ctx.planner.definitionOf(state);
      const taskDue: Record<string, string | null> = {};
      for (const task of state.tasks.filter((t) => t.status === 'active' && t.kind !== 'consult')) {
        const step = locateStep(body, task.stepKey)?.step;
        if (step && task.dueAt) taskDue[task.id] = await this.ctx.planner.stepDue(task.unitId, task.startedAt, allotmentHours(step.allotment), pauses);
      }
      return {
        events: [{ type: 'pause_ended', kind: pause.kind, dueAt, legalDueAt, taskDue, ...(pause.kind === 'payment' ? { paymentReference: input.paymentReference?.trim() || null } : {}) }],
      };
    }, (state) => state.receivingUnitId);
  }

  /**
   * A leader apologises with the reason and ONE new date (Art. 19(9)); the dossier keeps both dates and
   * is still judged late against the legal one.
   */
  async apologise(actor: Actor, id: string, input: { reason: string; newDueAt: string }, options: CommandOptions = {}): Promise<DossierState> {
    return this.run(actor, id, 'apologise', input, options, async (state) => {
      requireInProcess(state, 'apologise');
      requireLeaderOnDossier(actor, state, await this.ctx.chains([], state));
      if (state.apology) throw new AppError('DOSSIER_APOLOGY_ALREADY_ISSUED', { newDueAt: state.apology.newDueAt });
      const newDue = new Date(input.newDueAt);
      if (Number.isNaN(newDue.getTime()) || !state.dueAt || newDue.toISOString() <= state.dueAt) throw new AppError('DOSSIER_APOLOGY_DATE_INVALID', { field: 'newDueAt', currentDueAt: state.dueAt });
      return { events: [{ type: 'apology_issued', reason: cleanText(input.reason), newDueAt: newDue.toISOString() }] };
    }, (state) => state.tasks.find((t) => t.status === 'active' && holdsRoleAt(actor, 'leader', [t.unitId]))?.unitId ?? null);
  }
}
