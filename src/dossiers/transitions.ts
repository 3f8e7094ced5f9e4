// Which actions a dossier's status allows. Pure; every command checks here before deciding its events.
import { AppError } from '../errors/app-error.js';
import { openPause, type DossierState, type DossierStatus } from './dossier.js';

const CLOSED: ReadonlySet<DossierStatus> = new Set(['returned', 'withdrawn', 'stopped', 'cancelled', 'refused_at_receipt']);
/** Received and not yet resolved: the agencies are working on it (possibly paused). */
const IN_PROCESS: ReadonlySet<DossierStatus> = new Set(['received', 'processing', 'supplement_requested', 'payment_requested']);

export function isClosed(state: DossierState): boolean {
  return CLOSED.has(state.status);
}

export function requireNotClosed(state: DossierState, action: string): void {
  if (CLOSED.has(state.status)) throw new AppError('DOSSIER_CLOSED', { status: state.status, action });
}

export function requireStatus(state: DossierState, allowed: readonly DossierStatus[], action: string): void {
  requireNotClosed(state, action);
  if (!allowed.includes(state.status)) throw new AppError('DOSSIER_TRANSITION_NOT_ALLOWED', { status: state.status, action, allowed });
}

/** In process and not waiting for the applicant. */
export function requireWorkable(state: DossierState, action: string): void {
  requireNotClosed(state, action);
  if (state.status === 'resolved') throw new AppError('DOSSIER_TRANSITION_NOT_ALLOWED', { status: state.status, action });
  if (!IN_PROCESS.has(state.status)) throw new AppError('DOSSIER_NOT_RECEIVED', { status: state.status, action });
  if (openPause(state)) throw new AppError('DOSSIER_PAUSED', { status: state.status, action });
}

export function requireInProcess(state: DossierState, action: string): void {
  requireNotClosed(state, action);
  if (state.status === 'resolved') throw new AppError('DOSSIER_TRANSITION_NOT_ALLOWED', { status: state.status, action });
  if (!IN_PROCESS.has(state.status)) throw new AppError('DOSSIER_NOT_RECEIVED', { status: state.status, action });
}
