// The moves of the random dossier walk (see dossier-generator.ts): given a dossier's state, the commands
// that its status allows, each with a weight and the actor entitled to it, one of them chosen at random.
// Choosing is synchronous (it only reads the state and the preloaded world), so the random sequence does
// not depend on how the writes of a wave interleave.
import type { Services } from '../composition.js';
import type { ComponentInput } from '../dossiers/dossier-context.js';
import type { DossierState, ResultDelivery, Task } from '../dossiers/dossier.js';
import type { Actor, Role } from '../identity/roles.js';
import { stepsToReturnTo, type ProcessBody } from '../workflow/process-definition.js';

export type Rng = () => number;

export interface LiveDossier {
  state: DossierState;
  /** The citizen's draft token (online drafts). */
  draftToken: string | null;
}

export interface GeneratorProcedure {
  readonly code: string;
  readonly caseCode: string;
  readonly levels: readonly string[];
  readonly components: readonly string[];
  /** Offered online (toàn trình or một phần): only then can a citizen file it online. */
  readonly online: boolean;
}

export interface GeneratorWorld {
  readonly services: Services;
  readonly desks: ReadonlyArray<{ readonly id: string; readonly level: string }>;
  readonly consultable: readonly string[];
  readonly procedures: readonly GeneratorProcedure[];
  /** Process definitions by id (those in force for the procedures above). */
  readonly definitions: ReadonlyMap<string, ProcessBody>;
  /** A demo account holding the role in that very unit, else the system administrator. */
  actorFor(role: Role, unitId: string): Actor;
  /** Accounts (not system administrators) holding the role in that very unit. */
  otherHolders(role: Role, unitId: string): readonly Actor[];
  actorById(userId: string): Actor;
  /** An administrator of the province (reaches every desk), else the system administrator. */
  administrator(): Actor;
}

export interface Move {
  readonly name: string;
  /** Set when the move takes the desk's next dossier number (receipts run one after another per desk). */
  readonly takesNumberAt?: string;
  run(): Promise<DossierState>;
  /** After run(): the draft token an online draft was given. */
  draftToken?(): string | null;
}

type Candidate = readonly [weight: number, make: (() => Move | null) | null];

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!;
}

/** One candidate by weight; null (leave the dossier where it stands) when the chosen one is null. */
function weighted(rng: Rng, candidates: readonly Candidate[]): Move | null {
  const usable = candidates.filter(([weight]) => weight > 0);
  const total = usable.reduce((sum, [weight]) => sum + weight, 0);
  let r = rng() * total;
  for (const [weight, make] of usable) {
    r -= weight;
    if (r < 0) return make ? make() : null;
  }
  return null;
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Hoàng', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Ngọc', 'Thanh', 'Hoàng', 'Quốc', 'Thu', 'Hữu', 'Kim'];
const GIVEN = ['An', 'Bình', 'Châu', 'Dũng', 'Giang', 'Hà', 'Hùng', 'Khánh', 'Lan', 'Long', 'Mai', 'Nam', 'Nhung', 'Phúc', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Trang', 'Vy'];
const HAMLETS = ['Ấp Hòa Long', 'Ấp An Thái', 'Ấp Bình Phú', 'Ấp Vĩnh Lợi', 'Ấp Tân Hiệp'];

function applicant(rng: Rng) {
  const digits = Array.from({ length: 9 }, () => Math.floor(rng() * 10)).join('');
  return {
    kind: 'person' as const,
    name: `${pick(rng, FAMILY)} ${pick(rng, MIDDLE)} ${pick(rng, GIVEN)}`,
    idNumber: `089${digits}`,
    address: `${pick(rng, HAMLETS)}, tỉnh An Giang`,
    phone: `09${Array.from({ length: 8 }, () => Math.floor(rng() * 10)).join('')}`,
    email: null,
  };
}

function allComponents(procedure: GeneratorProcedure): ComponentInput[] {
  return procedure.components.map((code) => ({ code, originals: 1, copies: 0 }));
}

const HOUR = 3_600_000;

/** A new dossier: one of the procedures, a desk of its level, a channel, an outcome at the desk. */
function arrival(world: GeneratorWorld, now: Date, rng: Rng): Move {
  const { services } = world;
  const procedure = pick(rng, world.procedures);
  const desk = pick(rng, world.desks.filter((d) => procedure.levels.includes(d.level)));
  const deskOfficer = world.actorFor('desk_officer', desk.id);
  const filing = { procedureCode: procedure.code, caseCode: procedure.caseCode, receivingUnitId: desk.id, applicant: applicant(rng), subject: `Hồ sơ ${procedure.code} số ${Math.floor(rng() * 1e6)}`, components: allComponents(procedure), resultDelivery: pick<ResultDelivery>(rng, ['counter', 'post', 'electronic']) };
  const r = rng();
  if (r < 0.3 && procedure.online) {
    const submit = rng() < 0.6;
    let token: string | null = null;
    return {
      name: submit ? 'file online and submit' : 'file online as a draft',
      async run() {
        const result = await services.intake.fileOnline({ ...filing, submit });
        token = result.draftToken;
        return result.state;
      },
      draftToken: () => token,
    };
  }
  if (r < 0.5) {
    // Photos sent by messaging: a draft the desk completes before receiving it.
    return { name: 'messaging draft', run: () => services.intake.intakeAtCounter(deskOfficer, { ...filing, components: [], channel: 'messaging', outcome: { kind: 'draft' } }) };
  }
  if (r < 0.65) {
    const handoverSignedAt = new Date(now.getTime() - rng() * 36 * HOUR).toISOString();
    if (rng() < 0.25) return { name: 'postal draft', run: () => services.intake.intakeAtCounter(deskOfficer, { ...filing, channel: 'postal', outcome: { kind: 'draft' } }) };
    return { name: 'postal intake, received', takesNumberAt: desk.id, run: () => services.intake.intakeAtCounter(deskOfficer, { ...filing, channel: 'postal', handoverSignedAt, outcome: { kind: 'receive' } }) };
  }
  const outcome = rng();
  if (outcome < 0.08) {
    return { name: 'counter intake, returned for completion', run: () => services.intake.intakeAtCounter(deskOfficer, { ...filing, components: [], channel: 'in_person', outcome: { kind: 'return_for_completion', reason: 'Hồ sơ chưa đầy đủ', items: ['Bản chính giấy tờ còn thiếu'] } }) };
  }
  if (outcome < 0.14) {
    return { name: 'counter intake, refused', run: () => services.intake.intakeAtCounter(deskOfficer, { ...filing, channel: 'in_person', outcome: { kind: 'refuse', reason: 'Không thuộc thẩm quyền giải quyết', items: [] } }) };
  }
  return { name: 'counter intake, received', takesNumberAt: desk.id, run: () => services.intake.intakeAtCounter(deskOfficer, { ...filing, channel: 'in_person', outcome: { kind: 'receive' } }) };
}

function procedureOf(world: GeneratorWorld, state: DossierState): GeneratorProcedure {
  return world.procedures.find((p) => p.code === state.procedure.code && p.caseCode === state.procedure.caseCode)!;
}

/** Moves before receipt: drafts, submitted dossiers, dossiers returned for completion. */
function beforeReceipt(world: GeneratorWorld, dossier: LiveDossier, now: Date, rng: Rng): Move | null {
  const { services } = world;
  const state = dossier.state;
  const id = state.id;
  const desk = world.actorFor('desk_officer', state.receivingUnitId);
  const components = allComponents(procedureOf(world, state));
  const token = dossier.draftToken ?? undefined;
  const closing: Candidate[] = [
    [4, () => ({ name: 'withdraw', run: () => services.closing.withdraw(desk, id, { reason: 'Công dân xin rút hồ sơ' }) })],
    [state.status === 'returned_for_completion' ? 0 : 2, () => ({ name: 'cancel', run: () => services.closing.cancel(world.administrator(), id, { reason: 'Nhập nhầm hồ sơ' }) })],
  ];
  const receiptOutcomes: Candidate[] = [
    [10, () => ({ name: 'return for completion', run: () => services.intake.returnForCompletion(desk, id, { reason: 'Thành phần hồ sơ chưa hợp lệ', items: ['Tờ khai ký đầy đủ', 'Bản sao có chứng thực'] }) })],
    [7, () => ({ name: 'refuse at receipt', run: () => services.intake.refuse(desk, id, { reason: 'Hồ sơ không thuộc thẩm quyền', items: [] }) })],
  ];
  if (state.channel === 'online') {
    if (state.status === 'submitted') {
      return weighted(rng, [[70, () => ({ name: 'receive online', takesNumberAt: state.receivingUnitId, run: () => services.intake.receive(desk, id, {}) })], ...receiptOutcomes, ...closing]);
    }
    // A draft, or returned for completion: the citizen edits and submits with the token (a dossier
    // submitted at once has none: returned for completion, the citizen files again).
    if (!token) return weighted(rng, [[20, closing[0]![1]], [80, null]]);
    return weighted(rng, [
      [25, () => ({ name: 'edit draft (citizen)', run: () => services.intake.updateDraft(id, { ...(token ? { token } : {}) }, { subject: `${state.subject} (bổ sung)`, components }) })],
      [60, () => ({ name: 'submit', run: () => services.intake.submit(id, token) })],
      ...closing,
    ]);
  }
  if (state.status === 'returned_for_completion') return weighted(rng, [[20, closing[0]![1]], [80, null]]);
  // A messaging or postal draft (submitted cannot happen off line).
  const complete = state.components.length > 0;
  const createdAt = Date.parse(state.createdAt);
  const earliest = Math.max(createdAt, now.getTime() - 29 * 24 * HOUR);
  const handoverSignedAt = state.channel === 'postal' ? new Date(earliest + rng() * Math.max(0, now.getTime() - earliest)).toISOString() : null;
  return weighted(rng, [
    [complete ? 0 : 25, () => ({ name: 'complete draft (desk)', run: () => services.intake.updateDraft(id, { actor: desk }, { components }) })],
    [
      55,
      () => ({
        name: `receive ${state.channel}`,
        takesNumberAt: state.receivingUnitId,
        run: () => services.intake.receive(desk, id, { ...(complete ? {} : { components }), ...(handoverSignedAt ? { handoverSignedAt } : {}) }),
      }),
    ],
    ...receiptOutcomes,
    ...closing,
  ]);
}

/** Who works on a task: its assignee, else a holder of its role in its unit. */
function worker(world: GeneratorWorld, task: Task): Actor {
  return task.assigneeId ? world.actorById(task.assigneeId) : world.actorFor(task.role, task.unitId);
}

/** Moves while the agencies process the dossier (paused or not). */
function inProcess(world: GeneratorWorld, dossier: LiveDossier, rng: Rng): Move | null {
  const { services } = world;
  const state = dossier.state;
  const id = state.id;
  const desk = world.actorFor('desk_officer', state.receivingUnitId);
  const active = state.tasks.filter((t) => t.status === 'active');
  const work = active.filter((t) => t.kind === 'process' || t.kind === 'decide');
  const consults = active.filter((t) => t.kind === 'consult');
  const paused = state.status === 'supplement_requested' || state.status === 'payment_requested';
  const noDecision = state.decision === null;
  const leaderUnit = active.find((t) => t.kind !== 'consult')?.unitId ?? state.receivingUnitId;
  const shared: Candidate[] = [
    [consults.length > 0 ? 15 : 0, () => {
      const task = pick(rng, consults);
      return { name: 'answer consultation', run: () => services.processing.answerConsultation(world.actorFor('specialist', task.unitId), id, task.id, { answer: 'Thống nhất với đề xuất của cơ quan chủ trì' }) };
    }],
    [state.apology === null && state.dueAt ? 3 : 0, () => {
      const newDueAt = new Date(new Date(state.dueAt!).getTime() + (1 + Math.floor(rng() * 5)) * 24 * HOUR).toISOString();
      return { name: 'apologise', run: () => services.processing.apologise(world.actorFor('leader', leaderUnit), id, { reason: 'Cần xác minh thêm thông tin', newDueAt }) };
    }],
    [noDecision ? 2 : 0, () => ({ name: 'withdraw', run: () => services.closing.withdraw(desk, id, { reason: 'Công dân xin rút hồ sơ' }) })],
    [noDecision ? 2 : 0, () => ({ name: 'stop', run: () => services.closing.stop(desk, id, { reason: 'Công dân đề nghị dừng giải quyết' }) })],
    [1, () => ({ name: 'cancel', run: () => services.closing.cancel(world.administrator(), id, { reason: 'Nhập nhầm hồ sơ' }) })],
  ];
  if (paused) {
    const payment = state.status === 'payment_requested';
    return weighted(rng, [[70, () => ({ name: `resume after ${payment ? 'payment' : 'supplement'}`, run: () => services.processing.resume(desk, id, payment ? { paymentReference: `BL-${Math.floor(rng() * 1e6)}` } : {}) })], ...shared]);
  }
  const unassigned = work.filter((t) => t.assigneeId === null);
  const definition = state.definitionId ? world.definitions.get(state.definitionId) : undefined;
  const sendable = definition ? work.filter((t) => stepsToReturnTo(definition, t.stepKey).length > 0) : [];
  return weighted(rng, [
    [work.length > 0 ? 45 : 0, () => complete(world, state, pick(rng, work), rng)],
    [unassigned.length > 0 ? 25 : 0, () => {
      const task = pick(rng, unassigned);
      const leader = world.otherHolders('leader', task.unitId)[0];
      const holder = world.otherHolders(task.role, task.unitId)[0];
      if (leader && holder && holder !== leader && rng() < 0.4) return { name: 'assign (leader)', run: () => services.processing.assign(leader, id, task.id, { assigneeId: holder.userId }) };
      return { name: 'take up a step', run: () => services.processing.assign(world.actorFor(task.role, task.unitId), id, task.id) };
    }],
    [sendable.length > 0 ? 5 : 0, () => {
      const task = pick(rng, sendable);
      const toStepKey = pick(rng, stepsToReturnTo(definition!, task.stepKey));
      return { name: 'send back', run: () => services.processing.sendBack(worker(world, task), id, task.id, { toStepKey, reason: 'Cần thẩm định lại' }) };
    }],
    [work.length > 0 && consults.length === 0 ? 6 : 0, () => {
      const task = pick(rng, work);
      const unitId = pick(rng, world.consultable.filter((u) => u !== task.unitId));
      return { name: 'consult', run: () => services.processing.consult(worker(world, task), id, { unitId, question: 'Đề nghị cho ý kiến về hồ sơ', workingDays: 1 + Math.floor(rng() * 3) }) };
    }],
    [work.length > 0 ? 5 : 0, () => ({ name: 'request supplement', run: () => services.processing.requestSupplement(worker(world, work[0]!), id, { reason: 'Bổ sung giấy tờ', items: ['Bản sao giấy tờ tùy thân'] }) })],
    [work.length > 0 ? 4 : 0, () => ({ name: 'request payment', run: () => services.processing.requestPayment(worker(world, work[0]!), id, { reason: 'Nộp phí, lệ phí', items: ['Lệ phí'], amount: 50_000 * (1 + Math.floor(rng() * 20)) }) })],
    ...shared,
  ]);
}

function complete(world: GeneratorWorld, state: DossierState, task: Task, rng: Rng): Move {
  const run = world.services.processing;
  if (task.kind !== 'decide') return { name: 'complete a step', run: () => run.complete(worker(world, task), state.id, task.id, { note: rng() < 0.5 ? 'Đã thẩm định' : null }) };
  if (rng() < 0.2) return { name: 'decide: refuse', run: () => run.complete(worker(world, task), state.id, task.id, { decision: { outcome: 'refused', note: 'Không đủ điều kiện theo quy định' } }) };
  const number = `${Math.floor(rng() * 9000) + 1}/QĐ-UBND`;
  return { name: 'decide: approve', run: () => run.complete(worker(world, task), state.id, task.id, { decision: { outcome: 'approved', note: null, documents: [{ name: 'Kết quả giải quyết', number, attachmentId: null }] } }) };
}

/** The result is at the desk: return it, or tell the applicant first that it is early. */
function resolved(world: GeneratorWorld, dossier: LiveDossier, now: Date, rng: Rng): Move | null {
  const { services } = world;
  const state = dossier.state;
  const desk = world.actorFor('desk_officer', state.receivingUnitId);
  const early = !state.earlyReturnNotifiedAt && state.dueAt !== null && now.toISOString() < state.dueAt;
  return weighted(rng, [
    [70, () => ({ name: 'return the result', run: () => services.closing.returnResult(desk, state.id, { method: pick<ResultDelivery>(rng, ['counter', 'post', 'electronic']), note: null }) })],
    [early ? 25 : 0, () => ({ name: 'early-return notice', run: () => services.closing.notifyEarlyReturn(desk, state.id, { via: pick(rng, ['sms', 'email', 'phone', 'messaging'] as const) }) })],
    [1, () => ({ name: 'cancel', run: () => services.closing.cancel(world.administrator(), state.id, { reason: 'Nhập nhầm hồ sơ' }) })],
  ]);
}

/** The next move of a dossier (null: a new one arrives when dossier is null; else leave it as it is). */
export function chooseMove(world: GeneratorWorld, dossier: LiveDossier | null, now: Date, rng: Rng): Move | null {
  if (!dossier) return arrival(world, now, rng);
  switch (dossier.state.status) {
    case 'draft':
    case 'submitted':
    case 'returned_for_completion':
      return beforeReceipt(world, dossier, now, rng);
    case 'received':
    case 'processing':
    case 'supplement_requested':
    case 'payment_requested':
      return inProcess(world, dossier, rng);
    case 'resolved':
      return resolved(world, dossier, now, rng);
    default:
      return null;
  }
}
