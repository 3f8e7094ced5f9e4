// `reports.rebuild` as a job: an administrator (or `motcua reports rebuild --background`) asks, a worker
// replaces the counters by the sums of the event log in one write transaction. Rebuilding is idempotent,
// so a retry after a crash simply rebuilds again.
import type { JobHandler } from '../jobs/job-worker.js';
import type { JobRepositories } from '../jobs/job-queue.js';
import type { ReportMaintenanceService } from './report-maintenance.service.js';

export const REBUILD_REPORTS_JOB = 'reports.rebuild';

export function rebuildReportsHandler(maintenance: ReportMaintenanceService): JobHandler<JobRepositories> {
  return async () => {
    await maintenance.rebuild();
  };
}
