// Historical import (NDJSON, one legacy dossier per line): each record becomes the events it implies,
// checked by the same rules as live commands (procedure case in force on the day of receipt, a desk that
// received for that level, transitions allowed in order, one apology), dated with its own instants.
// Every line is checked before anything is written: one bad line and nothing is imported (with a report
// of every rejected line and why). Each dossier is written in one transaction, so none is ever half there;
// re-importing a file skips the dossiers already imported (matched by code and fingerprint).
import { AppError, isAppError } from '../errors/app-error.js';
import { errorCatalogue } from '../errors/error-catalogue.js';
import type { Actor } from '../identity/roles.js';
import { vietnamDateOf } from '../time/clock.js';
import { openingSteps } from '../workflow/process-definition.js';
import { submittedComponents, type ComponentInput, type DossierContext } from './dossier-context.js';
import type { DossierEvent, PlannedEvent } from './dossier-events.js';
import { applicantDueAfterPause, dossierTimeliness } from './dossier-planning.js';
import { fingerprint } from './dossier-store.js';
import type { Applicant, Channel, DossierState, ResultDelivery } from './dossier.js';
import { evolve } from './evolve.js';
import { requireInProcess, requireNotClosed, requireStatus, requireWorkable } from './transitions.js';
import { timeOrderedId } from '../ids/time-ordered-id.js';

export type LegacyStep =
  | { readonly type: 'supplement_requested'; readonly at: string; readonly reason: string; readonly items: readonly string[] }
  | { readonly type: 'supplement_received'; readonly at: string }
  | { readonly type: 'payment_requested'; readonly at: string; readonly reason: string; readonly items: readonly string[]; readonly amount: number }
  | { readonly type: 'payment_received'; readonly at: string; readonly reference?: string | null }
  | { readonly type: 'apology'; readonly at: string; readonly reason: string; readonly newDueAt: string }
  | { readonly type: 'resolved'; readonly at: string; readonly outcome: 'approved' | 'refused'; readonly note?: string | null }
  | { readonly type: 'returned'; readonly at: string; readonly method: ResultDelivery }
  | { readonly type: 'withdrawn' | 'stopped' | 'cancelled'; readonly at: string; readonly reason: string };

export interface LegacyDossier {
  readonly code: string | null;
  readonly procedureCode: string;
  readonly caseCode: string;
  readonly receivingUnitCode: string;
  readonly channel: Channel;
  readonly applicant: Applicant;
  readonly subject: string;
  readonly components?: readonly ComponentInput[];
  readonly resultDelivery?: ResultDelivery;
  readonly submittedAt?: string | null;
  /** The legal receipt instant; absent only for a dossier refused at receipt. */
  readonly receivedAt?: string | null;
  /** The appointment the legacy system gave (pauses included); computed by the legal clock when absent. */
  readonly dueAt?: string | null;
  readonly refusedAtReceipt?: { readonly at: string; readonly reason: string } | null;
  readonly history?: readonly LegacyStep[];
}

export interface ImportReport {
  total: number;
  imported: number;
  alreadyImported: number;
  rejected: Array<{ line: number; code: string | null; reasons: string[] }>;
  dryRun: boolean;
}

interface Planned {
  readonly line: number;
  readonly record: LegacyDossier;
  readonly events: PlannedEvent[];
  readonly receivingUnitId: string;
  readonly fingerprint: string;
  readonly skip: boolean;
}

const SOURCE = 'legacy-import';
const IMPORT_SCOPE = 'dossier-import';
const OUR_CODE = /^(.+)-(\d{2})(\d{2})(\d{2})-(\d{4,})$/;

function reasonOf(error: unknown): string {
  if (isAppError(error)) {
    const details = error.details === undefined ? '' : ` ${JSON.stringify(error.details)}`;
    return `${error.code}: ${errorCatalogue[error.code].en}${details}`;
  }
  return error instanceof Error ? error.message : String(error);
}

function instant(value: string | null | undefined, what: string): string {
  const date = value ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) throw new Error(`${what}: not a valid instant`);
  return date.toISOString();
}

export class ImportService {
  constructor(private readonly ctx: DossierContext) {}

  /** Reads NDJSON: one record per non-empty line; malformed lines are reported, not thrown. */
  parse(text: string): Array<{ line: number; record?: LegacyDossier; error?: string }> {
    return text
      .split(/\r?\n/)
      .map((raw, i) => ({ raw: raw.trim(), line: i + 1 }))
      .filter(({ raw }) => raw.length > 0)
      .map(({ raw, line }) => {
        try {
          const record = JSON.parse(raw) as unknown;
          if (!record || typeof record !== 'object' || Array.isArray(record)) return { line, error: 'not a JSON object' };
          return { line, record: record as LegacyDossier };
        } catch {
          return { line, error: 'not valid JSON' };
        }
      });
  }

  async importText(actor: Actor, text: string, options: { dryRun?: boolean } = {}): Promise<ImportReport> {
    if (!actor.isSystemAdmin) throw new AppError('FORBIDDEN', { reason: 'historical imports are run by system administrators' });
    const parsed = this.parse(text);
    const rejected: Array<{ line: number; code: string | null; reasons: string[] }> = [];
    const planned: Planned[] = [];
    const codes = new Set<string>();
    for (const entry of parsed) {
      if (!entry.record) {
        rejected.push({ line: entry.line, code: null, reasons: [entry.error!] });
        continue;
      }
      const code = typeof entry.record.code === 'string' ? entry.record.code.trim().toUpperCase() : null;
      try {
        if (code && codes.has(code)) throw new Error(`the code ${code} appears twice in the file`);
        if (code) codes.add(code);
        planned.push(await this.plan(entry.line, { ...entry.record, code }));
      } catch (error) {
        rejected.push({ line: entry.line, code, reasons: [reasonOf(error)] });
      }
    }
    const alreadyImported = planned.filter((p) => p.skip).length;
    if (rejected.length > 0 && !options.dryRun) throw new AppError('DOSSIER_IMPORT_INVALID', { total: parsed.length, rejected });
    if (options.dryRun) return { total: parsed.length, imported: 0, alreadyImported, rejected, dryRun: true };
    let imported = 0;
    for (const plan of planned.filter((p) => !p.skip)) {
      await this.write(actor, plan);
      imported++;
    }
    return { total: parsed.length, imported, alreadyImported, rejected: [], dryRun: false };
  }

  private async write(actor: Actor, plan: Planned): Promise<void> {
    const code = plan.record.code;
    const match = code ? OUR_CODE.exec(code) : null;
    await this.ctx.store.create(
      timeOrderedId(),
      {
        events: plan.events,
        finalise: async (repos, events) => {
          if (code && (await repos.dossiers.codeExists(code))) throw new AppError('DOSSIER_IMPORT_INVALID', { line: plan.line, reason: `the code ${code} is already used` });
          // Remembered by fingerprint (codeless records too), so re-importing the file skips it.
          await repos.dossiers.saveIdempotent(IMPORT_SCOPE, plan.fingerprint, plan.fingerprint, { line: plan.line, code }, this.ctx.now().toISOString());
          // A legacy code in our own format: later numbers of that unit's day must come after it.
          const unitCode = match ? (await repos.units.findById(plan.receivingUnitId, vietnamDateOf(new Date(plan.record.receivedAt!))))?.code : undefined;
          if (match && unitCode === match[1]) await repos.dossiers.raiseSerialTo(plan.receivingUnitId, `20${match[2]}-${match[3]}-${match[4]}`, Number(match[5]));
          return events;
        },
      },
      { at: plan.events[0]!.at!, actorId: actor.userId, unitId: plan.receivingUnitId },
    );
  }

  /** The events of one legacy record, checked by the live rules as they are folded. */
  private async plan(line: number, record: LegacyDossier): Promise<Planned> {
    const print = fingerprint(record);
    if (await this.ctx.store.uow.read.dossiers.findIdempotent(IMPORT_SCOPE, print)) return { line, record, events: [], receivingUnitId: '', fingerprint: print, skip: true };
    if (record.code && (await this.ctx.store.uow.read.dossiers.codeExists(record.code))) throw new Error(`the code ${record.code} is already used by another dossier`);
    const receivedAt = record.receivedAt ? instant(record.receivedAt, 'receivedAt') : null;
    const firstAt = instant(record.submittedAt ?? record.receivedAt ?? record.refusedAtReceipt?.at, 'submittedAt/receivedAt');
    if (firstAt > this.ctx.now().toISOString()) throw new Error('the dossier is dated in the future');
    const day = vietnamDateOf(new Date(receivedAt ?? firstAt));
    const info = await this.ctx.planner.procedureCase(record.procedureCode, record.caseCode, day);
    const unitId = (await this.ctx.store.uow.read.units.findIdsByCodes([record.receivingUnitCode.trim().toUpperCase()])).get(record.receivingUnitCode.trim().toUpperCase());
    if (!unitId) throw new AppError('UNIT_NOT_FOUND', { field: 'receivingUnitCode' });
    await this.ctx.requireDeskFor(unitId, info, day);
    const components = submittedComponents(info, record.components ?? []);
    const events: PlannedEvent[] = [
      { type: 'drafted', at: firstAt, channel: record.channel, receivingUnitId: unitId, procedure: info.ref, applicant: record.applicant, subject: record.subject, components, resultDelivery: record.resultDelivery ?? 'counter', imported: { source: SOURCE, fingerprint: print } },
    ];
    if (record.submittedAt && record.channel === 'online') events.push({ type: 'submitted', at: instant(record.submittedAt, 'submittedAt') });
    let state = this.fold(null, events);
    if (record.refusedAtReceipt) {
      if (record.code || receivedAt) throw new Error('a dossier refused at receipt has no code and no receipt');
      events.push({ type: 'refused_at_receipt', at: instant(record.refusedAtReceipt.at, 'refusedAtReceipt.at'), reason: record.refusedAtReceipt.reason, items: [] });
      this.fold(state, events.slice(-1));
      return { line, record, events, receivingUnitId: unitId, fingerprint: print, skip: false };
    }
    if (!receivedAt || !record.code) throw new Error('a received dossier needs its code and receivedAt');
    events.push(await this.received(state, record, receivedAt, day));
    state = this.fold(state, events.slice(-1));
    for (const [i, step] of (record.history ?? []).entries()) {
      const at = instant(step.at, `history.${i}.at`);
      if (at < (state.receivedAt ?? firstAt)) throw new Error(`history.${i}: before the receipt`);
      if (at > this.ctx.now().toISOString()) throw new Error(`history.${i}: in the future`);
      const event = await this.step(state, step, at, record, i);
      state = this.fold(state, [event]);
      events.push(event);
    }
    return { line, record, events, receivingUnitId: unitId, fingerprint: print, skip: false };
  }

  private fold(state: DossierState | null, events: readonly PlannedEvent[]): DossierState {
    return events.reduce<DossierState | null>((s, e) => evolve(s, { actorId: null, unitId: null, ...e } as DossierEvent), state)!;
  }

  private async received(state: DossierState, record: LegacyDossier, receivedAt: string, day: string): Promise<PlannedEvent> {
    const definition = await this.ctx.planner.definitionInForce(state, day).catch(() => null);
    const appointment = record.dueAt ? { dueAt: instant(record.dueAt, 'dueAt'), ruleSetId: this.ctx.planner.ruleSetIdOn(new Date(receivedAt)), explanation: null } : await this.ctx.planner.appointment(state, new Date(receivedAt));
    // A dossier still in process gets the steps of its process from the receipt, so staff can carry on.
    const ends = new Set(['resolved', 'returned', 'withdrawn', 'stopped', 'cancelled']);
    const stillOpen = !(record.history ?? []).some((h) => ends.has(h.type));
    const tasks = definition && stillOpen ? await this.ctx.planner.startSteps({ ...state, legalDueAt: appointment.dueAt }, openingSteps(definition.body, 1), receivedAt, state.receivingUnitId, appointment.dueAt === null) : [];
    return { type: 'received', at: receivedAt, code: record.code!, receivedAt, ruleSetId: appointment.ruleSetId, definitionId: definition?.id ?? null, dueAt: appointment.dueAt, explanation: appointment.explanation, components: state.components, tasks };
  }

  private async step(state: DossierState, step: LegacyStep, at: string, record: LegacyDossier, i: number): Promise<PlannedEvent> {
    const where = `history.${i} (${step.type})`;
    try {
      switch (step.type) {
        case 'supplement_requested':
          requireWorkable(state, step.type);
          return { type: 'supplement_requested', at, reason: step.reason, items: step.items };
        case 'payment_requested':
          requireWorkable(state, step.type);
          return { type: 'payment_requested', at, reason: step.reason, items: step.items, amount: step.amount };
        case 'supplement_received':
        case 'payment_received': {
          requireInProcess(state, step.type);
          const open = state.pauses.find((p) => p.to === null);
          if (!open || (open.kind === 'supplement') !== (step.type === 'supplement_received')) throw new Error('no matching pause is open');
          const pauses = state.pauses.map((p) => (p.to === null ? { ...p, to: at } : p));
          const due = record.dueAt ? state.legalDueAt : (await this.ctx.planner.appointment(state, new Date(state.receivedAt!), pauses)).dueAt;
          return { type: 'pause_ended', at, kind: open.kind, dueAt: applicantDueAfterPause(state, due), legalDueAt: due, taskDue: {}, ...(step.type === 'payment_received' ? { paymentReference: step.reference ?? null } : {}) };
        }
        case 'apology':
          requireInProcess(state, step.type);
          if (state.apology) throw new AppError('DOSSIER_APOLOGY_ALREADY_ISSUED');
          if (!state.dueAt || instant(step.newDueAt, 'newDueAt') <= state.dueAt) throw new AppError('DOSSIER_APOLOGY_DATE_INVALID');
          return { type: 'apology_issued', at, reason: step.reason, newDueAt: instant(step.newDueAt, 'newDueAt') };
        case 'resolved':
          requireWorkable(state, step.type);
          return { type: 'legacy_resolved', at, outcome: step.outcome, note: step.note ?? null, timeliness: dossierTimeliness(state, at) };
        case 'returned':
          requireNotClosed(state, step.type);
          if (state.status !== 'resolved') throw new AppError('DOSSIER_NOT_RESOLVED');
          return { type: 'result_returned', at, method: step.method, note: null, timeliness: null };
        case 'withdrawn':
        case 'stopped':
          requireNotClosed(state, step.type);
          if (state.decision) throw new AppError('DOSSIER_DECISION_TAKEN');
          requireStatus(state, ['received', 'processing', 'supplement_requested', 'payment_requested'], step.type);
          return { type: step.type, at, reason: step.reason };
        case 'cancelled':
          requireNotClosed(state, step.type);
          return { type: 'cancelled', at, reason: step.reason };
        default:
          throw new Error(`unknown step type ${(step as { type: string }).type}`);
      }
    } catch (error) {
      throw new Error(`${where}: ${reasonOf(error)}`);
    }
  }
}
