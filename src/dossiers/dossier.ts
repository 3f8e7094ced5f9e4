// The dossier (hồ sơ) as the domain sees it: its statuses, the national status codes they map to, the
// channel, the applicant, and the state folded from its events (see evolve.ts). Pure types and rules.
import type { StepKind, StepRole } from '../workflow/process-definition.js';

/**
 * Internal statuses (LAW.md §4.3's recommended state machine). The national sync code (1–10) is a
 * projection of these; the legal clock (dueAt, pauses) and payment are kept beside the status.
 */
export type DossierStatus =
  | 'draft' // online or messaging draft, not yet submitted
  | 'submitted' // 1 Mới đăng ký: submitted online, waiting for the desk
  | 'returned_for_completion' // the desk asked for a complete dossier before receiving it (not received)
  | 'refused_at_receipt' // 3 Không được tiếp nhận
  | 'received' // 2 Được tiếp nhận: received, first processing step not yet taken up
  | 'processing' // 4 Đang xử lý
  | 'supplement_requested' // 5 Yêu cầu bổ sung (clock paused)
  | 'payment_requested' // 6 Yêu cầu thực hiện nghĩa vụ tài chính (clock paused)
  | 'withdrawn' // 7 Công dân rút hồ sơ
  | 'stopped' // 8 Dừng xử lý (at the applicant's request)
  | 'resolved' // 9 Đã xử lý xong: the result (or a refusal after appraisal) is at the desk
  | 'returned' // 10 Đã trả kết quả
  | 'cancelled'; // a numbered dossier entered by mistake: never deleted, cancelled with a reason

export const DOSSIER_STATUSES: readonly DossierStatus[] = [
  'draft',
  'submitted',
  'returned_for_completion',
  'refused_at_receipt',
  'received',
  'processing',
  'supplement_requested',
  'payment_requested',
  'withdrawn',
  'stopped',
  'resolved',
  'returned',
  'cancelled',
];

/** The national status code (TrangThaiHoSo) of a status; null for drafts and cancelled dossiers (not synchronised). */
export function nationalStatusOf(status: DossierStatus): number | null {
  switch (status) {
    case 'submitted':
      return 1;
    case 'received':
      return 2;
    case 'refused_at_receipt':
      return 3;
    case 'processing':
      return 4;
    case 'supplement_requested':
    case 'returned_for_completion':
      return 5;
    case 'payment_requested':
      return 6;
    case 'withdrawn':
      return 7;
    case 'stopped':
      return 8;
    case 'resolved':
      return 9;
    case 'returned':
      return 10;
    case 'draft':
    case 'cancelled':
      return null;
  }
}

export const STATUS_LABELS: Record<DossierStatus, { vi: string; en: string }> = {
  draft: { vi: 'Hồ sơ nháp', en: 'Draft' },
  submitted: { vi: 'Mới đăng ký', en: 'Submitted online' },
  returned_for_completion: { vi: 'Yêu cầu bổ sung, hoàn thiện hồ sơ', en: 'Returned for completion' },
  refused_at_receipt: { vi: 'Không được tiếp nhận', en: 'Refused at receipt' },
  received: { vi: 'Được tiếp nhận', en: 'Received' },
  processing: { vi: 'Đang xử lý', en: 'Processing' },
  supplement_requested: { vi: 'Yêu cầu bổ sung giấy tờ', en: 'Supplement requested' },
  payment_requested: { vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Payment requested' },
  withdrawn: { vi: 'Công dân rút hồ sơ', en: 'Withdrawn by the applicant' },
  stopped: { vi: 'Dừng xử lý', en: 'Processing stopped' },
  resolved: { vi: 'Đã xử lý xong', en: 'Resolved' },
  returned: { vi: 'Đã trả kết quả', en: 'Result returned' },
  cancelled: { vi: 'Đã hủy (nhập nhầm)', en: 'Cancelled (entered by mistake)' },
};

/** Channels (KenhThucHien): in person = 1, online = 2, postal = 3; messaging (Zalo photos) is reported as 2. */
export type Channel = 'in_person' | 'online' | 'postal' | 'messaging';
export const CHANNELS: readonly Channel[] = ['in_person', 'online', 'postal', 'messaging'];

export function nationalChannelOf(channel: Channel): 1 | 2 | 3 {
  return channel === 'in_person' ? 1 : channel === 'postal' ? 3 : 2;
}

export type ResultDelivery = 'counter' | 'post' | 'electronic';

export interface Applicant {
  readonly kind: 'person' | 'organisation';
  readonly name: string;
  /** Personal identification number (CCCD, 12 digits) or the enterprise / organisation code. */
  readonly idNumber: string;
  readonly address?: string | null;
  readonly phone?: string | null;
  readonly email?: string | null;
  /** Commune unit of the applicant (for steps done by "the applicant's commune"); default: the desk's commune. */
  readonly communeUnitId?: string | null;
  readonly representative?: { readonly name: string; readonly idNumber: string; readonly phone: string | null; readonly authorisation: string | null } | null;
}

/** A component (thành phần hồ sơ) handed in: which required component, how many originals and copies, its scanned files. */
export interface SubmittedComponent {
  readonly code: string;
  readonly name: string;
  readonly originals: number;
  readonly copies: number;
  readonly attachmentIds: readonly string[];
}

export interface ProcedureRef {
  readonly code: string;
  readonly caseCode: string;
  readonly versionId: string;
  readonly name: string;
  readonly caseName: string;
  readonly fieldCode: string;
  readonly fieldName: string;
  readonly timeLimit: { readonly amount: number; readonly unit: 'working_days' | 'working_hours' | 'calendar_days' };
  readonly noAppointmentDate: boolean;
  /** Local 'HH:MM' after which an intake counts from the next working day; null: the rule set's default. */
  readonly cutOff: string | null;
}

export type Timeliness = 'early' | 'on_time' | 'late';

export type TaskStatus = 'active' | 'done' | 'cancelled';

/** One step of the process as this dossier lives it; also a consultation of another unit (kind 'consult'). */
export interface Task {
  readonly id: string;
  readonly stepKey: string;
  readonly stepName: { readonly vi: string; readonly en: string };
  readonly kind: StepKind | 'consult';
  readonly stageIndex: number;
  readonly branchKey: string;
  readonly role: StepRole;
  readonly unitId: string;
  /** The unit that handed the dossier over (giao) to this step's unit (nhận); null for the intake. */
  readonly fromUnitId: string | null;
  readonly status: TaskStatus;
  readonly assigneeId: string | null;
  readonly startedAt: string;
  /** End of the step's allotment, moved on by pauses; null when the dossier has no appointment date. */
  readonly dueAt: string | null;
  readonly finishedAt: string | null;
  readonly timeliness: Timeliness | null;
  readonly note: string | null;
  /** For consultations: the question and the answer. */
  readonly question?: string | null;
  readonly answer?: string | null;
}

export interface Pause {
  readonly kind: 'supplement' | 'payment';
  readonly from: string;
  readonly to: string | null;
  readonly reason: string;
  readonly items: readonly string[];
  readonly amount?: number | null;
}

export interface Decision {
  readonly outcome: 'approved' | 'refused';
  readonly at: string;
  readonly by: string;
  readonly note: string | null;
  readonly documents: ReadonlyArray<{ readonly name: string; readonly number: string | null; readonly attachmentId: string | null }>;
}

export interface DossierState {
  readonly id: string;
  readonly code: string | null;
  readonly status: DossierStatus;
  readonly channel: Channel;
  readonly receivingUnitId: string;
  readonly procedure: ProcedureRef;
  readonly definitionId: string | null;
  readonly applicant: Applicant;
  readonly subject: string;
  readonly components: readonly SubmittedComponent[];
  readonly resultDelivery: ResultDelivery;
  readonly createdAt: string;
  readonly submittedAt: string | null;
  /** The legal receipt instant (for the postal channel: when the hand-over record was signed). */
  readonly receivedAt: string | null;
  /** The desk officer who received it (the actor of the receipt); null before receipt or when imported without one. */
  readonly receivedBy?: string | null;
  readonly ruleSetId: string | null;
  /** The appointment the applicant holds now (the apology's new date once issued). */
  readonly dueAt: string | null;
  /** The legal appointment (moved by pauses, never by the apology): timeliness is judged against it. */
  readonly legalDueAt: string | null;
  readonly dueExplanation: { readonly vi: readonly string[]; readonly en: readonly string[] } | null;
  readonly pauses: readonly Pause[];
  readonly tasks: readonly Task[];
  readonly atReceipt: { readonly outcome: 'returned_for_completion' | 'refused'; readonly reason: string; readonly items: readonly string[]; readonly at: string } | null;
  readonly apology: { readonly reason: string; readonly newDueAt: string; readonly issuedAt: string; readonly by: string } | null;
  readonly decision: Decision | null;
  /** Processing end (766: the first of resolved / returned / stopped / withdrawn). */
  readonly resolvedAt: string | null;
  readonly timeliness: Timeliness | null;
  readonly returnedAt: string | null;
  readonly returnMethod: ResultDelivery | null;
  readonly earlyReturnNotifiedAt: string | null;
  readonly closedReason: string | null;
  readonly paymentReference: string | null;
}

/**
 * Waiting for the receiving desk to receive it (the desk's "to receive" list): submitted, or a draft the desk
 * completes itself (photos sent by messaging, a postal hand-over). A citizen's online draft is theirs until they
 * send it. The repositories ask the same in SQL (`awaitingTheDesk` in dossier-units.repository.ts).
 */
export function awaitsTheDesk(state: Pick<DossierState, 'status' | 'channel'>): boolean {
  return state.status === 'submitted' || (state.status === 'draft' && state.channel !== 'online');
}

export function openPause(state: DossierState): Pause | undefined {
  return state.pauses.find((p) => p.to === null);
}

export function activeTasks(state: DossierState): Task[] {
  return state.tasks.filter((t) => t.status === 'active');
}

/** A decision or result exists: the applicant can no longer withdraw or stop (LAW.md §1.3). */
export function hasDecision(state: DossierState): boolean {
  return state.decision !== null;
}

/** A value as it travels in JSON: nothing read-only (the response schemas' types are plain). */
export type Plain<T> = T extends ReadonlyArray<infer U> ? Array<Plain<U>> : T extends object ? { -readonly [K in keyof T]: Plain<T[K]> } : T;

/**
 * The state with the national codes and the status label, as every API answer shows a dossier. Built field by
 * field rather than by spreading the state and adding fields: in Node 20's V8 that spread took microseconds per
 * dossier (the copy's shape made anew each time), this takes a fraction of one; see ARCHITECTURE.md. Fields
 * beyond DossierState (the staff view's urgency and permissions) are copied after them.
 */
export function dossierView<S extends DossierState>(state: S) {
  const view: Record<string, unknown> = {
    id: state.id,
    code: state.code,
    status: state.status,
    statusLabel: STATUS_LABELS[state.status],
    nationalStatus: nationalStatusOf(state.status),
    channel: state.channel,
    nationalChannel: nationalChannelOf(state.channel),
    receivingUnitId: state.receivingUnitId,
    procedure: state.procedure,
    definitionId: state.definitionId,
    applicant: state.applicant,
    subject: state.subject,
    components: state.components,
    resultDelivery: state.resultDelivery,
    createdAt: state.createdAt,
    submittedAt: state.submittedAt,
    receivedAt: state.receivedAt,
    receivedBy: state.receivedBy,
    ruleSetId: state.ruleSetId,
    dueAt: state.dueAt,
    legalDueAt: state.legalDueAt,
    dueExplanation: state.dueExplanation,
    pauses: state.pauses,
    tasks: state.tasks,
    atReceipt: state.atReceipt,
    apology: state.apology,
    decision: state.decision,
    resolvedAt: state.resolvedAt,
    timeliness: state.timeliness,
    returnedAt: state.returnedAt,
    returnMethod: state.returnMethod,
    earlyReturnNotifiedAt: state.earlyReturnNotifiedAt,
    closedReason: state.closedReason,
    paymentReference: state.paymentReference,
  } satisfies Record<keyof DossierState, unknown> & Record<'statusLabel' | 'nationalStatus' | 'nationalChannel', unknown>;
  for (const key in state) if (!Object.hasOwn(view, key)) view[key] = state[key];
  return view as Plain<S & { statusLabel: { vi: string; en: string }; nationalStatus: number | null; nationalChannel: 1 | 2 | 3 }>;
}
