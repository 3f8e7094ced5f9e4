// The end of a dossier: the desk returns the result (at the counter, by post or electronically) after
// telling the applicant when it is early; or the applicant withdraws or asks to stop before a decision;
// or an administrator cancels a dossier entered by mistake (never deleted).
import { AppError } from '../errors/app-error.js';
import type { Actor } from '../identity/roles.js';
import { cleanText, type CommandOptions, type DossierContext } from './dossier-context.js';
import { stepTimeliness } from './dossier-planning.js';
import type { Decision } from './dossier-store.js';
import type { DossierState, ResultDelivery } from './dossier.js';
import { requireAdministrator, requireDeskOfficer } from './dossiers.policy.js';
import { requireNotClosed, requireStatus } from './transitions.js';

export class ClosingService {
  constructor(private readonly ctx: DossierContext) {}

  private run(actor: Actor, id: string, operation: string, request: unknown, options: CommandOptions, decide: (state: DossierState, at: string) => Promise<Decision>): Promise<DossierState> {
    return this.ctx.staffCommand(actor, id, operation, request, options, decide, (state) => state.receivingUnitId);
  }

  /** Hands the result (or the refusal after appraisal) back: only a resolved dossier has one. */
  returnResult(actor: Actor, id: string, input: { method: ResultDelivery; note?: string | null }, options: CommandOptions = {}): Promise<DossierState> {
    return this.run(actor, id, 'return', input, options, async (state, at) => {
      requireNotClosed(state, 'return_result');
      if (state.status !== 'resolved') throw new AppError('DOSSIER_NOT_RESOLVED', { status: state.status });
      requireDeskOfficer(actor, state, await this.ctx.chains([state.receivingUnitId]));
      const task = state.tasks.find((t) => t.status === 'active' && t.kind === 'return');
      return { events: [{ type: 'result_returned', method: input.method, note: input.note ? cleanText(input.note) : null, timeliness: task ? stepTimeliness(task, at) : null }] };
    });
  }

  /** Tells the applicant the result is ready before the appointment (Art. 20: early return, notified in advance). */
  notifyEarlyReturn(actor: Actor, id: string, input: { via: 'sms' | 'email' | 'phone' | 'messaging' }, options: CommandOptions = {}): Promise<DossierState> {
    return this.run(actor, id, 'early-notice', input, options, async (state, at) => {
      requireNotClosed(state, 'notify_early_return');
      requireDeskOfficer(actor, state, await this.ctx.chains([state.receivingUnitId]));
      if (state.status !== 'resolved' || state.earlyReturnNotifiedAt || !state.dueAt || at >= state.dueAt) throw new AppError('DOSSIER_EARLY_NOTICE_NOT_ALLOWED');
      return { events: [{ type: 'early_return_notified', via: input.via }] };
    });
  }

  /** The applicant withdraws (rút hồ sơ) — before receipt, or during processing before any decision. */
  withdraw(actor: Actor, id: string, input: { reason: string }, options: CommandOptions = {}): Promise<DossierState> {
    return this.run(actor, id, 'withdraw', input, options, async (state) => {
      requireDeskOfficer(actor, state, await this.ctx.chains([state.receivingUnitId]));
      requireNotClosed(state, 'withdraw');
      if (state.decision) throw new AppError('DOSSIER_DECISION_TAKEN');
      requireStatus(state, ['draft', 'submitted', 'returned_for_completion', 'received', 'processing', 'supplement_requested', 'payment_requested'], 'withdraw');
      return { events: [{ type: 'withdrawn', reason: cleanText(input.reason) }] };
    });
  }

  /** Stops processing at the applicant's request (notice of stopping, Circular 03/2025 Art. 7): only before a decision. */
  stop(actor: Actor, id: string, input: { reason: string }, options: CommandOptions = {}): Promise<DossierState> {
    return this.run(actor, id, 'stop', input, options, async (state) => {
      requireDeskOfficer(actor, state, await this.ctx.chains([state.receivingUnitId]));
      requireNotClosed(state, 'stop');
      if (state.decision) throw new AppError('DOSSIER_DECISION_TAKEN');
      requireStatus(state, ['received', 'processing', 'supplement_requested', 'payment_requested'], 'stop');
      return { events: [{ type: 'stopped', reason: cleanText(input.reason) }] };
    });
  }

  /** A dossier entered by mistake: cancelled with a reason; its number and history stay. */
  cancel(actor: Actor, id: string, input: { reason: string }, options: CommandOptions = {}): Promise<DossierState> {
    return this.run(actor, id, 'cancel', input, options, async (state) => {
      requireNotClosed(state, 'cancel');
      requireAdministrator(actor, state, await this.ctx.chains([state.receivingUnitId]));
      return { events: [{ type: 'cancelled', reason: cleanText(input.reason) }] };
    });
  }
}
