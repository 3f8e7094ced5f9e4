// The typed, append-only events of a dossier: the truth from which its state, its national status and
// every statistic are derived. Events carry every computed value (codes, due dates, timeliness), so
// folding them (evolve.ts) needs no calendar and no database and always gives the same state.
import type { Applicant, Channel, Decision, ProcedureRef, ResultDelivery, SubmittedComponent, Task, Timeliness } from './dossier.js';

/** A task as it starts (or, for the intake, as it is done at receipt). */
export type TaskStart = Omit<Task, 'status' | 'assigneeId' | 'finishedAt' | 'timeliness' | 'note' | 'answer'> & {
  readonly assigneeId?: string | null;
  /** Set for a task done the moment it starts (the intake at receipt). */
  readonly doneWith?: { readonly finishedAt: string; readonly timeliness: Timeliness | null } | null;
};

/** Which file, under which name, for which component (thành phần hồ sơ). */
export interface FileNote {
  readonly attachmentId: string;
  readonly fileName: string;
  readonly componentCode: string;
}

export type DossierEventBody =
  | {
      readonly type: 'drafted';
      readonly channel: Channel;
      readonly receivingUnitId: string;
      readonly procedure: ProcedureRef;
      readonly applicant: Applicant;
      readonly subject: string;
      readonly components: readonly SubmittedComponent[];
      readonly resultDelivery: ResultDelivery;
      /** Set for a dossier imported from a legacy system: where from, and a fingerprint of the imported record. */
      readonly imported?: { readonly source: string; readonly fingerprint: string };
    }
  | {
      readonly type: 'draft_updated';
      readonly applicant?: Applicant;
      readonly subject?: string;
      readonly components?: readonly SubmittedComponent[];
      readonly resultDelivery?: ResultDelivery;
      /** The applicant's upload or removal of one file that made this change (the components carry the result). */
      readonly fileAdded?: FileNote;
      readonly fileRemoved?: FileNote;
    }
  | { readonly type: 'submitted' }
  | {
      readonly type: 'received';
      readonly code: string;
      readonly receivedAt: string;
      readonly ruleSetId: string | null;
      /** null for an imported dossier received before any process definition existed here. */
      readonly definitionId: string | null;
      readonly dueAt: string | null;
      readonly explanation: { readonly vi: readonly string[]; readonly en: readonly string[] } | null;
      readonly components: readonly SubmittedComponent[];
      readonly tasks: readonly TaskStart[];
    }
  | { readonly type: 'returned_for_completion'; readonly reason: string; readonly items: readonly string[] }
  | { readonly type: 'refused_at_receipt'; readonly reason: string; readonly items: readonly string[] }
  | { readonly type: 'task_assigned'; readonly taskId: string; readonly assigneeId: string }
  | {
      readonly type: 'task_completed';
      readonly taskId: string;
      readonly note: string | null;
      readonly timeliness: Timeliness | null;
      readonly started: readonly TaskStart[];
      /** Steps skipped (after a refusal, the remaining processing steps). */
      readonly cancelledTaskIds: readonly string[];
      /** Set when this completion puts the result at the desk (status 9). */
      readonly resolution: { readonly timeliness: Timeliness | null } | null;
    }
  | { readonly type: 'task_sent_back'; readonly taskId: string; readonly reason: string; readonly timeliness: Timeliness | null; readonly started: readonly TaskStart[] }
  | { readonly type: 'consultation_requested'; readonly consultation: TaskStart; readonly question: string }
  | { readonly type: 'consultation_answered'; readonly taskId: string; readonly answer: string; readonly timeliness: Timeliness | null }
  | { readonly type: 'supplement_requested'; readonly reason: string; readonly items: readonly string[] }
  | { readonly type: 'payment_requested'; readonly reason: string; readonly items: readonly string[]; readonly amount: number }
  | {
      readonly type: 'pause_ended';
      readonly kind: 'supplement' | 'payment';
      readonly dueAt: string | null;
      readonly legalDueAt: string | null;
      /** New ends of the active steps' allotments (paused time does not count against a step either). */
      readonly taskDue: Readonly<Record<string, string | null>>;
      readonly components?: readonly SubmittedComponent[];
      readonly paymentReference?: string | null;
    }
  | { readonly type: 'decision_recorded'; readonly outcome: Decision['outcome']; readonly note: string | null; readonly documents: Decision['documents'] }
  /** An imported dossier's resolution (legacy systems keep no steps): the result is at the desk. */
  | { readonly type: 'legacy_resolved'; readonly outcome: Decision['outcome']; readonly note: string | null; readonly timeliness: Timeliness | null }
  | { readonly type: 'apology_issued'; readonly reason: string; readonly newDueAt: string }
  | { readonly type: 'result_returned'; readonly method: ResultDelivery; readonly note: string | null; readonly timeliness: Timeliness | null }
  | { readonly type: 'early_return_notified'; readonly via: 'sms' | 'email' | 'phone' | 'messaging' }
  | { readonly type: 'stopped'; readonly reason: string }
  | { readonly type: 'withdrawn'; readonly reason: string }
  | { readonly type: 'cancelled'; readonly reason: string };

export type DossierEventType = DossierEventBody['type'];

export interface EventMeta {
  /** When it happened (for imports: the historical instant). */
  readonly at: string;
  readonly actorId: string | null;
  /** The unit the actor acted for. */
  readonly unitId: string | null;
}

export type DossierEvent = DossierEventBody & EventMeta;

/** An event as a command decides it: its meta come from the command, unless (imports) it carries its own instant. */
export type PlannedEvent = DossierEventBody & { readonly at?: string };
