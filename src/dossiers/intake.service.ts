// Intake on every channel (LAW.md §1.2–§1.3): online drafts and submissions by citizens, counter and
// postal intake by desk officers, messaging drafts the desk completes; and the three receipt outcomes:
// receive (dossier code + appointment), return for completion (every missing item at once), refuse.
import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../errors/app-error.js';
import type { Actor } from '../identity/roles.js';
import { vietnamDateOf } from '../time/clock.js';
import { openingSteps } from '../workflow/process-definition.js';
import { cleanText, requireMandatoryComponents, submittedComponents, type CommandOptions, type ComponentInput, type DossierContext } from './dossier-context.js';
import type { DossierEventBody } from './dossier-events.js';
import { stepTimeliness, type ProcedureCaseInfo } from './dossier-planning.js';
import type { Decision } from './dossier-store.js';
import { awaitsTheDesk, type Applicant, type Channel, type DossierState, type ResultDelivery, type SubmittedComponent } from './dossier.js';
import { isDeskOfficer, requireDeskOfficer } from './dossiers.policy.js';
import { evolve } from './evolve.js';
import { requireStatus } from './transitions.js';
import { timeOrderedId } from '../ids/time-ordered-id.js';

export interface FilingInput {
  readonly procedureCode: string;
  readonly caseCode: string;
  readonly receivingUnitId: string;
  readonly applicant: Applicant;
  readonly subject: string;
  readonly components: readonly ComponentInput[];
  readonly resultDelivery: ResultDelivery;
}

export type ReceiptOutcome = { readonly kind: 'receive' } | { readonly kind: 'return_for_completion' | 'refuse'; readonly reason: string; readonly items: readonly string[] } | { readonly kind: 'draft' };

export interface CounterIntakeInput extends FilingInput {
  readonly channel: Exclude<Channel, 'online'>;
  /** Postal channel: when the hand-over record (biên bản giao nhận) was signed — the legal receipt instant. */
  readonly handoverSignedAt?: string;
  readonly outcome: ReceiptOutcome;
}

const POSTAL_HANDOVER_MAX_AGE_DAYS = 30;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** The citizen holds the dossier's draft token; DOSSIER_DRAFT_TOKEN_INVALID otherwise (another citizen's dossier). */
export function requireDraftToken(stored: { readonly draftTokenHash: string | null }, token: string | undefined): void {
  if (!token || !stored.draftTokenHash || hashToken(token) !== stored.draftTokenHash) throw new AppError('DOSSIER_DRAFT_TOKEN_INVALID');
}

function cleanApplicant(applicant: Applicant): Applicant {
  const opt = (v: string | null | undefined) => (v ? cleanText(v) || null : null);
  return {
    kind: applicant.kind,
    name: cleanText(applicant.name),
    idNumber: applicant.idNumber.trim(),
    address: opt(applicant.address),
    phone: opt(applicant.phone),
    email: opt(applicant.email),
    communeUnitId: applicant.communeUnitId ?? null,
    representative: applicant.representative ? { ...applicant.representative, name: cleanText(applicant.representative.name), phone: opt(applicant.representative.phone), authorisation: opt(applicant.representative.authorisation) } : null,
  };
}

/** A component sent without `attachmentIds` keeps the files already uploaded for it (the citizen's uploads are linked one by one). */
function keepUploads(components: readonly SubmittedComponent[], inputs: readonly ComponentInput[], state: DossierState): SubmittedComponent[] {
  return components.map((c, i) => (inputs[i]!.attachmentIds === undefined ? { ...c, attachmentIds: [...(state.components.find((s) => s.code === c.code)?.attachmentIds ?? [])] } : c));
}

export class IntakeService {
  constructor(private readonly ctx: DossierContext) {}

  /** `citizenDossier`: the id the citizen's new dossier will have — no file can be theirs yet. */
  private async drafted(input: FilingInput, channel: Channel, citizenDossier?: string): Promise<{ body: DossierEventBody; components: ReturnType<typeof submittedComponents>; info: ProcedureCaseInfo }> {
    const info = await this.ctx.planner.procedureCase(input.procedureCode, input.caseCode, this.ctx.today());
    await this.ctx.requireDeskFor(input.receivingUnitId, info);
    const components = submittedComponents(info, input.components);
    await this.ctx.requireAttachments(components.flatMap((c) => c.attachmentIds), 'components', citizenDossier);
    return {
      info,
      components,
      body: { type: 'drafted', channel, receivingUnitId: input.receivingUnitId, procedure: info.ref, applicant: cleanApplicant(input.applicant), subject: cleanText(input.subject), components, resultDelivery: input.resultDelivery },
    };
  }

  /** Online filing by a citizen (no login yet): a draft they edit with its token, or submitted at once. */
  async fileOnline(input: FilingInput & { readonly submit: boolean }, options: CommandOptions = {}): Promise<{ state: DossierState; draftToken: string | null }> {
    const id = timeOrderedId();
    const { body, components, info } = await this.drafted(input, 'online', id);
    if (info.onlineLevel === 'offline') throw new AppError('DOSSIER_CHANNEL_NOT_OFFERED', { channel: 'online' });
    if (input.submit) requireMandatoryComponents(info, components);
    const token = input.submit ? null : randomBytes(32).toString('base64url');
    const events: DossierEventBody[] = input.submit ? [body, { type: 'submitted' }] : [body];
    const result = await this.ctx.store.create(
      id,
      { events },
      { at: this.ctx.now().toISOString(), actorId: null, unitId: null },
      { idempotency: this.ctx.idempotency(null, 'file-online', input, options), draftTokenHash: token ? hashToken(token) : null, respond: (state) => ({ state, draftToken: token }), remember: false },
    );
    return result.response as { state: DossierState; draftToken: string | null };
  }

  private async requireDraftAccess(id: string, token: string | undefined, actor: Actor | null): Promise<DossierState> {
    const stored = await this.ctx.store.load(id);
    if (actor) requireDeskOfficer(actor, stored.state, await this.ctx.chains([stored.state.receivingUnitId]));
    else requireDraftToken(stored, token);
    return stored.state;
  }

  /** The applicant's own dossier, read with the token of its online draft (kept after submission): the draft to resume, then the code and appointment once received. */
  async readOwn(id: string, token: string | undefined): Promise<DossierState> {
    return this.requireDraftAccess(id, token, null);
  }

  /** Edits a draft: the citizen with the draft token, or a desk officer of the receiving desk (messaging drafts). */
  async updateDraft(id: string, access: { token?: string; actor?: Actor | null }, change: { applicant?: Applicant; subject?: string; components?: readonly ComponentInput[]; resultDelivery?: ResultDelivery }, options: CommandOptions = {}): Promise<DossierState> {
    const current = await this.requireDraftAccess(id, access.token, access.actor ?? null);
    const info = await this.ctx.planner.procedureCase(current.procedure.code, current.procedure.caseCode, this.ctx.today());
    // A citizen (the token, no actor) cites only files uploaded to this dossier; a desk officer any file they may see.
    if (change.components) await this.ctx.requireAttachments(change.components.flatMap((c) => c.attachmentIds ?? []), 'components', access.actor ? undefined : id);
    const components = change.components ? submittedComponents(info, change.components) : null;
    return this.ctx.store.execute(
      id,
      async (state) => {
        requireStatus(state, ['draft', 'returned_for_completion'], 'update_draft');
        const body: DossierEventBody = {
          type: 'draft_updated',
          ...(change.applicant ? { applicant: cleanApplicant(change.applicant) } : {}),
          ...(change.subject !== undefined ? { subject: cleanText(change.subject) } : {}),
          ...(components ? { components: keepUploads(components, change.components!, state) } : {}),
          ...(change.resultDelivery ? { resultDelivery: change.resultDelivery } : {}),
        };
        return { events: [body] };
      },
      { actorId: access.actor?.userId ?? null, unitId: access.actor ? current.receivingUnitId : null },
      { idempotency: this.ctx.idempotency(access.actor ?? null, `update-draft:${id}`, change, options) },
    );
  }

  /** The citizen submits the draft (or the completed dossier after a request for completion). */
  async submit(id: string, token: string | undefined, options: CommandOptions = {}): Promise<DossierState> {
    const current = await this.requireDraftAccess(id, token, null);
    const info = await this.ctx.planner.procedureCase(current.procedure.code, current.procedure.caseCode, this.ctx.today());
    return this.ctx.store.execute(
      id,
      async (state) => {
        requireStatus(state, ['draft', 'returned_for_completion'], 'submit');
        if (state.channel !== 'online') throw new AppError('DOSSIER_TRANSITION_NOT_ALLOWED', { reason: 'only online drafts are submitted by the applicant' });
        requireMandatoryComponents(info, state.components);
        return { events: [{ type: 'submitted' }] };
      },
      { actorId: null, unitId: null },
      { idempotency: this.ctx.idempotency(null, `submit:${id}`, {}, options) },
    );
  }

  private receiptInstant(channel: Channel, handoverSignedAt: string | undefined): Date {
    const now = this.ctx.now();
    if (channel !== 'postal' || !handoverSignedAt) return now;
    const signed = new Date(handoverSignedAt);
    if (Number.isNaN(signed.getTime()) || signed > now || now.getTime() - signed.getTime() > POSTAL_HANDOVER_MAX_AGE_DAYS * 86_400_000) {
      throw new AppError('DOSSIER_RECEIPT_TIME_INVALID', { field: 'handoverSignedAt', maxAgeDays: POSTAL_HANDOVER_MAX_AGE_DAYS });
    }
    return signed;
  }

  /**
   * The receipt: the process definition in force that day, the appointment by the legal clock (with its
   * explanation), the intake step done and the first processing steps started; the dossier number is
   * taken inside the write transaction from the unit's counter of that day.
   */
  async planReceipt(state: DossierState, receivedAt: Date): Promise<Decision> {
    const onDate = vietnamDateOf(receivedAt);
    const info = await this.ctx.planner.procedureCase(state.procedure.code, state.procedure.caseCode, onDate);
    requireMandatoryComponents(info, state.components);
    const definition = await this.ctx.planner.definitionInForce(state, onDate);
    const appointment = await this.ctx.planner.appointment(state, receivedAt);
    const planned: DossierState = { ...state, legalDueAt: appointment.dueAt };
    const at = receivedAt.toISOString();
    const noDue = appointment.dueAt === null;
    const [intake] = await this.ctx.planner.startSteps(planned, openingSteps(definition.body, 0), at, null, noDue);
    const first = await this.ctx.planner.startSteps(planned, openingSteps(definition.body, 1), at, state.receivingUnitId, noDue);
    const desk = await this.ctx.unitOn(state.receivingUnitId, onDate);
    if (!desk) throw new AppError('UNIT_NOT_FOUND');
    const received: DossierEventBody = {
      type: 'received',
      code: '',
      receivedAt: at,
      ruleSetId: appointment.ruleSetId,
      definitionId: definition.id,
      dueAt: appointment.dueAt,
      explanation: appointment.explanation,
      components: state.components,
      tasks: [{ doneWith: { finishedAt: at, timeliness: stepTimeliness(intake!, at) }, ...intake! }, ...first],
    };
    return {
      events: [received],
      finalise: async (repos, events) => {
        const serial = await repos.dossiers.nextSerial(state.receivingUnitId, onDate);
        const code = `${desk.code}-${onDate.slice(2, 4)}${onDate.slice(5, 7)}${onDate.slice(8, 10)}-${String(serial).padStart(4, '0')}`;
        return events.map((e) => (e.type === 'received' ? { ...e, code } : e));
      },
    };
  }

  /** Intake at the counter, by post or from messaging: the dossier with its receipt outcome in one step. */
  async intakeAtCounter(actor: Actor, input: CounterIntakeInput, options: CommandOptions = {}): Promise<DossierState> {
    const chains = await this.ctx.chains([input.receivingUnitId]);
    // Access first: the content of the filing is checked only for a desk officer of the receiving desk.
    if (!isDeskOfficer(actor, input.receivingUnitId, chains)) throw new AppError('FORBIDDEN', { reason: 'only a desk officer of the receiving desk can do this' });
    const { body } = await this.drafted(input, input.channel);
    const draft = evolve(null, { at: this.ctx.now().toISOString(), actorId: actor.userId, unitId: input.receivingUnitId, ...body });
    requireDeskOfficer(actor, draft, chains);
    const receivedAt = this.receiptInstant(input.channel, input.handoverSignedAt);
    let decision: Decision;
    switch (input.outcome.kind) {
      case 'draft':
        decision = { events: [body] };
        break;
      case 'receive': {
        const receipt = await this.planReceipt(draft, receivedAt);
        decision = { events: [body, ...receipt.events], ...(receipt.finalise ? { finalise: receipt.finalise } : {}) };
        break;
      }
      case 'return_for_completion':
        decision = { events: [body, { type: 'returned_for_completion', reason: cleanText(input.outcome.reason), items: input.outcome.items.map(cleanText) }] };
        break;
      case 'refuse':
        decision = { events: [body, { type: 'refused_at_receipt', reason: cleanText(input.outcome.reason), items: input.outcome.items.map(cleanText) }] };
        break;
    }
    const result = await this.ctx.store.create(timeOrderedId(), decision, { at: this.ctx.now().toISOString(), actorId: actor.userId, unitId: input.receivingUnitId }, { idempotency: this.ctx.idempotency(actor, 'intake', input, options) });
    return result.state;
  }

  /** The desk receives a dossier submitted online (or a messaging draft it completed; a postal one with its hand-over time). */
  async receive(actor: Actor, id: string, input: { handoverSignedAt?: string; components?: readonly ComponentInput[] } = {}, options: CommandOptions = {}): Promise<DossierState> {
    return this.ctx.store.execute(
      id,
      async (state) => {
        requireDeskOfficer(actor, state, await this.ctx.chains([state.receivingUnitId]));
        requireStatus(state, ['submitted', 'draft'], 'receive');
        if (!awaitsTheDesk(state)) throw new AppError('DOSSIER_TRANSITION_NOT_ALLOWED', { reason: 'an online draft is received once the applicant submits it' });
        let current = state;
        const events: DossierEventBody[] = [];
        if (input.components) {
          const info = await this.ctx.planner.procedureCase(state.procedure.code, state.procedure.caseCode, this.ctx.today());
          const components = submittedComponents(info, input.components);
          await this.ctx.requireAttachments(components.flatMap((c) => c.attachmentIds), 'components');
          events.push({ type: 'draft_updated', components });
          current = { ...state, components };
        }
        const receipt = await this.planReceipt(current, this.receiptInstant(state.channel, input.handoverSignedAt));
        return { events: [...events, ...receipt.events], ...(receipt.finalise ? { finalise: receipt.finalise } : {}) };
      },
      { actorId: actor.userId, unitId: (state) => state.receivingUnitId },
      { idempotency: this.ctx.idempotency(actor, `receive:${id}`, input, options) },
    );
  }

  /** Not complete: every missing item listed at once, with the reason (form 02). */
  async returnForCompletion(actor: Actor, id: string, input: { reason: string; items: readonly string[] }, options: CommandOptions = {}): Promise<DossierState> {
    return this.atReceipt(actor, id, { type: 'returned_for_completion', reason: cleanText(input.reason), items: input.items.map(cleanText) }, options);
  }

  /** Refused at receipt, with the reason (form 03). */
  async refuse(actor: Actor, id: string, input: { reason: string; items?: readonly string[] }, options: CommandOptions = {}): Promise<DossierState> {
    return this.atReceipt(actor, id, { type: 'refused_at_receipt', reason: cleanText(input.reason), items: (input.items ?? []).map(cleanText) }, options);
  }

  private atReceipt(actor: Actor, id: string, body: DossierEventBody, options: CommandOptions): Promise<DossierState> {
    return this.ctx.store.execute(
      id,
      async (state) => {
        requireDeskOfficer(actor, state, await this.ctx.chains([state.receivingUnitId]));
        requireStatus(state, ['submitted', 'draft'], body.type);
        return { events: [body] };
      },
      { actorId: actor.userId, unitId: (state) => state.receivingUnitId },
      { idempotency: this.ctx.idempotency(actor, `${body.type}:${id}`, body, options) },
    );
  }
}
