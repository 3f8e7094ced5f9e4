// Issuing forms 01–05 as jobs: a dossier write whose events call for a form enqueues `documents.issue` in
// the same transaction (this projection is called by DossiersRepository on every write), and a worker
// numbers, snapshots, signs and stores the form right after the command. `issuePending` is idempotent (a
// form is issued once per source event), so a retry or a second worker changes nothing; the lazy path
// (issuing on first access) stays as the fallback for imported dossiers and for jobs not yet run.
import type { DossierProjection } from '../dossiers/dossiers.repository.js';
import { AppError } from '../errors/app-error.js';
import { PermanentJobError } from '../jobs/job.js';
import type { JobsRepository } from '../jobs/jobs.repository.js';
import type { JobHandler } from '../jobs/job-worker.js';
import type { JobRepositories } from '../jobs/job-queue.js';
import type { DocumentsService } from './documents.service.js';
import { formIssuedBy } from './snapshots.js';

export const ISSUE_DOCUMENTS_JOB = 'documents.issue';

export interface IssueDocumentsPayload {
  readonly dossierId: string;
}

export class IssueDocumentsOnEvents implements DossierProjection {
  constructor(private readonly jobs: JobsRepository) {}

  async written(changes: Parameters<DossierProjection['written']>[0], now: string): Promise<void> {
    for (const { after, events, seq } of changes) {
      if (!events || seq === undefined || !events.some((event) => formIssuedBy(event) !== null)) continue;
      const payload: IssueDocumentsPayload = { dossierId: after.id };
      // One job per write that calls for forms, keyed by the dossier and its event count after the write.
      await this.jobs.enqueue({ kind: ISSUE_DOCUMENTS_JOB, payload, idempotencyKey: `${after.id}:${seq}` }, now);
    }
  }
}

export function issueDocumentsHandler(documents: DocumentsService): JobHandler<JobRepositories> {
  return async ({ job }) => {
    const { dossierId } = job.payload as IssueDocumentsPayload;
    if (typeof dossierId !== 'string') throw new PermanentJobError('payload without dossierId');
    try {
      await documents.issuePending(dossierId);
    } catch (error) {
      if (error instanceof AppError && error.code === 'DOSSIER_NOT_FOUND') throw new PermanentJobError(`dossier ${dossierId} not found`);
      throw error;
    }
  };
}
