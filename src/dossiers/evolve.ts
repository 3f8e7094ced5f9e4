// Folding events into the state of a dossier. Pure and total: the stored projection is exactly
// `events.reduce(evolve, null)`, which `motcua verify` recomputes and compares.
import type { DossierEvent, TaskStart } from './dossier-events.js';
import type { DossierState, Task } from './dossier.js';

// Field by field: `const { doneWith, ...rest } = start` spread into a new literal took about 10 µs a task in V8
// (the rest object's shape is made anew each time), a hundred times this.
function startTask(start: TaskStart): Task {
  const done = start.doneWith;
  return {
    id: start.id,
    stepKey: start.stepKey,
    stepName: start.stepName,
    kind: start.kind,
    stageIndex: start.stageIndex,
    branchKey: start.branchKey,
    role: start.role,
    unitId: start.unitId,
    fromUnitId: start.fromUnitId,
    startedAt: start.startedAt,
    dueAt: start.dueAt,
    status: done ? 'done' : 'active',
    assigneeId: start.assigneeId ?? null,
    finishedAt: done?.finishedAt ?? null,
    timeliness: done?.timeliness ?? null,
    note: null,
    question: start.question ?? null,
    answer: null,
  };
}

function updateTask(tasks: readonly Task[], id: string, change: Partial<Task>): Task[] {
  return tasks.map((t) => (t.id === id ? { ...t, ...change } : t));
}

function cancelActive(tasks: readonly Task[], at: string): Task[] {
  return tasks.map((t) => (t.status === 'active' ? { ...t, status: 'cancelled', finishedAt: at } : t));
}

/** Work on the dossier moves a received dossier into processing (national status 2 → 4). */
function processing(state: DossierState): DossierState['status'] {
  return state.status === 'received' ? 'processing' : state.status;
}

export function evolve(state: DossierState | null, event: DossierEvent & { readonly dossierId?: string }): DossierState {
  if (event.type === 'drafted') {
    return {
      id: event.dossierId ?? state?.id ?? '',
      code: null,
      status: 'draft',
      channel: event.channel,
      receivingUnitId: event.receivingUnitId,
      procedure: event.procedure,
      definitionId: null,
      applicant: event.applicant,
      subject: event.subject,
      components: event.components,
      resultDelivery: event.resultDelivery,
      createdAt: event.at,
      submittedAt: null,
      receivedAt: null,
      receivedBy: null,
      ruleSetId: null,
      dueAt: null,
      legalDueAt: null,
      dueExplanation: null,
      pauses: [],
      tasks: [],
      atReceipt: null,
      apology: null,
      decision: null,
      resolvedAt: null,
      timeliness: null,
      returnedAt: null,
      returnMethod: null,
      earlyReturnNotifiedAt: null,
      closedReason: null,
      paymentReference: null,
    };
  }
  if (!state) throw new Error(`event ${event.type} before the dossier was drafted`);
  switch (event.type) {
    case 'draft_updated':
      return {
        ...state,
        ...(event.applicant ? { applicant: event.applicant } : {}),
        ...(event.subject !== undefined ? { subject: event.subject } : {}),
        ...(event.components ? { components: event.components } : {}),
        ...(event.resultDelivery ? { resultDelivery: event.resultDelivery } : {}),
      };
    case 'submitted':
      return { ...state, status: 'submitted', submittedAt: event.at, atReceipt: null };
    case 'received':
      return {
        ...state,
        status: 'received',
        code: event.code,
        receivedAt: event.receivedAt,
        receivedBy: event.actorId,
        submittedAt: state.submittedAt ?? event.receivedAt,
        ruleSetId: event.ruleSetId,
        definitionId: event.definitionId,
        dueAt: event.dueAt,
        legalDueAt: event.dueAt,
        dueExplanation: event.explanation,
        components: event.components,
        tasks: event.tasks.map(startTask),
        atReceipt: null,
      };
    case 'returned_for_completion':
      return { ...state, status: 'returned_for_completion', atReceipt: { outcome: 'returned_for_completion', reason: event.reason, items: event.items, at: event.at } };
    case 'refused_at_receipt':
      return { ...state, status: 'refused_at_receipt', atReceipt: { outcome: 'refused', reason: event.reason, items: event.items, at: event.at } };
    case 'task_assigned':
      return { ...state, status: processing(state), tasks: updateTask(state.tasks, event.taskId, { assigneeId: event.assigneeId }) };
    case 'task_completed': {
      let tasks = updateTask(state.tasks, event.taskId, { status: 'done', finishedAt: event.at, timeliness: event.timeliness, note: event.note });
      tasks = tasks.map((t) => (event.cancelledTaskIds.includes(t.id) ? { ...t, status: 'cancelled', finishedAt: event.at } : t));
      tasks = [...tasks, ...event.started.map(startTask)];
      if (event.resolution) return { ...state, tasks, status: 'resolved', resolvedAt: event.at, timeliness: event.resolution.timeliness };
      return { ...state, tasks, status: processing(state) };
    }
    case 'task_sent_back': {
      const tasks = updateTask(state.tasks, event.taskId, { status: 'done', finishedAt: event.at, timeliness: event.timeliness, note: event.reason });
      return { ...state, status: processing(state), tasks: [...tasks, ...event.started.map(startTask)] };
    }
    case 'consultation_requested':
      return { ...state, status: processing(state), tasks: [...state.tasks, startTask({ ...event.consultation, question: event.question })] };
    case 'consultation_answered':
      return { ...state, tasks: updateTask(state.tasks, event.taskId, { status: 'done', finishedAt: event.at, timeliness: event.timeliness, answer: event.answer }) };
    case 'supplement_requested':
      return { ...state, status: 'supplement_requested', pauses: [...state.pauses, { kind: 'supplement', from: event.at, to: null, reason: event.reason, items: event.items }] };
    case 'payment_requested':
      return { ...state, status: 'payment_requested', pauses: [...state.pauses, { kind: 'payment', from: event.at, to: null, reason: event.reason, items: event.items, amount: event.amount }] };
    case 'pause_ended':
      return {
        ...state,
        status: 'processing',
        pauses: state.pauses.map((p) => (p.to === null ? { ...p, to: event.at } : p)),
        dueAt: event.dueAt,
        legalDueAt: event.legalDueAt,
        tasks: state.tasks.map((t) => (t.id in event.taskDue ? { ...t, dueAt: event.taskDue[t.id] ?? null } : t)),
        ...(event.components ? { components: event.components } : {}),
        ...(event.paymentReference !== undefined ? { paymentReference: event.paymentReference } : {}),
      };
    case 'decision_recorded':
      return { ...state, decision: { outcome: event.outcome, at: event.at, by: event.actorId ?? '', note: event.note, documents: event.documents } };
    case 'legacy_resolved':
      return {
        ...state,
        status: 'resolved',
        decision: { outcome: event.outcome, at: event.at, by: event.actorId ?? '', note: event.note, documents: [] },
        resolvedAt: event.at,
        timeliness: event.timeliness,
      };
    case 'apology_issued':
      return { ...state, dueAt: event.newDueAt, apology: { reason: event.reason, newDueAt: event.newDueAt, issuedAt: event.at, by: event.actorId ?? '' } };
    case 'result_returned':
      return {
        ...state,
        status: 'returned',
        returnedAt: event.at,
        returnMethod: event.method,
        tasks: state.tasks.map((t) => (t.status === 'active' && t.kind === 'return' ? { ...t, status: 'done', finishedAt: event.at, timeliness: event.timeliness, note: event.note } : t)),
      };
    case 'early_return_notified':
      return { ...state, earlyReturnNotifiedAt: event.at };
    case 'stopped':
    case 'withdrawn':
      return {
        ...state,
        status: event.type,
        closedReason: event.reason,
        resolvedAt: state.receivedAt ? event.at : null,
        tasks: cancelActive(state.tasks, event.at),
        pauses: state.pauses.map((p) => (p.to === null ? { ...p, to: event.at } : p)),
      };
    case 'cancelled':
      return { ...state, status: 'cancelled', closedReason: event.reason, tasks: cancelActive(state.tasks, event.at), pauses: state.pauses.map((p) => (p.to === null ? { ...p, to: event.at } : p)) };
  }
}
