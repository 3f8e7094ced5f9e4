// Wires repositories to the database and services to repositories. The only place that knows
// every module; HTTP, CLI and tests obtain services from here.
import { AttachmentsRepository } from './attachments/attachments.repository.js';
import { AttachmentsService, type DossierAccess } from './attachments/attachments.service.js';
import { CitizenUploadsService } from './attachments/citizen-uploads.service.js';
import { LocalDiskStore } from './attachments/content-store.js';
import { AuditRepository } from './audit/audit.repository.js';
import { AuditService } from './audit/audit.service.js';
import { RefusalLog } from './security/refusal-log.js';
import { DocumentsRepository } from './documents/documents.repository.js';
import { DocumentsService } from './documents/documents.service.js';
import { IssueDocumentsOnEvents } from './documents/documents.jobs.js';
import { SigningService } from './documents/signing.service.js';
import { CalendarRepository } from './calendar/calendar.repository.js';
import { CalendarService } from './calendar/calendar.service.js';
import { CatalogAdminService } from './catalog/catalog-admin.service.js';
import { CatalogImportService } from './catalog/catalog-import.service.js';
import { CatalogRepository } from './catalog/catalog.repository.js';
import { CatalogService } from './catalog/catalog.service.js';
import type { Config } from './config/config.js';
import { ClosingService } from './dossiers/closing.service.js';
import { DossierContext } from './dossiers/dossier-context.js';
import { DossierPlanner, type ProcedureCaseSource } from './dossiers/dossier-planning.js';
import { DossierStore } from './dossiers/dossier-store.js';
import { DossierUnitsRepository } from './dossiers/dossier-units.repository.js';
import { DossiersRepository } from './dossiers/dossiers.repository.js';
import { ReportCountersRepository } from './reports/report-counters.repository.js';
import { ReportLabelsRepository } from './reports/report-labels.repository.js';
import { ReportDossiersRepository } from './reports/report-dossiers.repository.js';
import { ReportDrilldownService } from './reports/report-drilldown.service.js';
import { ReportsService } from './reports/reports.service.js';
import { ReportMaintenanceService } from './reports/report-maintenance.service.js';
import { ImportService } from './dossiers/import.service.js';
import { DraftFilesService } from './dossiers/draft-files.service.js';
import { IntakeService } from './dossiers/intake.service.js';
import { ProcessingService } from './dossiers/processing.service.js';
import { DossierQueries } from './dossiers/queries.service.js';
import { VerifyService } from './dossiers/verify.service.js';
import { WorkflowRepository } from './workflow/workflow.repository.js';
import { WorkflowService, type LegalLimitSource } from './workflow/workflow.service.js';
import type { Database, Dialect, Executor } from './db/database.js';
import { JobsRepository } from './jobs/jobs.repository.js';
import { JobQueue } from './jobs/job-queue.js';
import { JobWorker, type WorkerLogger } from './jobs/job-worker.js';
import { JobsAdminService } from './jobs/jobs-admin.service.js';
import { NotificationsRepository } from './notifications/notifications.repository.js';
import { DeadlineCheck, DEADLINE_CHECK_JOB, DEADLINE_NOTICE_JOB } from './notifications/deadline-check.js';
import { ISSUE_DOCUMENTS_JOB, issueDocumentsHandler } from './documents/documents.jobs.js';
import { REBUILD_REPORTS_JOB, rebuildReportsHandler } from './reports/reports.jobs.js';
import { createUnitOfWork } from './db/unit-of-work.js';
import { AuthService } from './identity/auth.service.js';
import { IdentityRepository } from './identity/identity.repository.js';
import { StaffService } from './identity/staff.service.js';
import type { Clock } from './time/clock.js';
import { UnitsImportService } from './units/units-import.service.js';
import { UnitsRepository } from './units/units.repository.js';
import { UnitsService } from './units/units.service.js';
import { timeOrderedId } from './ids/time-ordered-id.js';

export interface Repositories {
  readonly calendars: CalendarRepository;
  readonly units: UnitsRepository;
  readonly catalog: CatalogRepository;
  readonly workflows: WorkflowRepository;
  readonly dossiers: DossiersRepository;
  readonly dossierUnits: DossierUnitsRepository;
  readonly reportCounters: ReportCountersRepository;
  readonly reportLabels: ReportLabelsRepository;
  readonly reportDossiers: ReportDossiersRepository;
  readonly identity: IdentityRepository;
  readonly audit: AuditRepository;
  readonly attachments: AttachmentsRepository;
  readonly documents: DocumentsRepository;
  readonly jobs: JobsRepository;
  readonly notifications: NotificationsRepository;
}

export function bindRepositories(executor: Executor, dialect: Dialect): Repositories {
  const jobs = new JobsRepository(executor, dialect);
  // The same instances are the dossiers repository's projections and the repositories read directly.
  const reportCounters = new ReportCountersRepository(executor);
  const dossierUnits = new DossierUnitsRepository(executor);
  return {
    calendars: new CalendarRepository(executor),
    units: new UnitsRepository(executor),
    catalog: new CatalogRepository(executor),
    workflows: new WorkflowRepository(executor),
    dossiers: new DossiersRepository(executor, [reportCounters, dossierUnits, new IssueDocumentsOnEvents(jobs)]),
    dossierUnits,
    reportCounters,
    reportLabels: new ReportLabelsRepository(executor),
    reportDossiers: new ReportDossiersRepository(executor),
    identity: new IdentityRepository(executor, dialect),
    audit: new AuditRepository(executor),
    attachments: new AttachmentsRepository(executor),
    documents: new DocumentsRepository(executor),
    jobs,
    notifications: new NotificationsRepository(executor),
  };
}

export interface Services {
  readonly calendar: CalendarService;
  readonly units: UnitsService;
  readonly unitsImport: UnitsImportService;
  readonly catalog: CatalogService;
  readonly catalogAdmin: CatalogAdminService;
  readonly workflow: WorkflowService;
  readonly dossierStore: DossierStore;
  readonly intake: IntakeService;
  readonly processing: ProcessingService;
  readonly closing: ClosingService;
  readonly dossierQueries: DossierQueries;
  readonly dossierVerify: VerifyService;
  readonly dossierImport: ImportService;
  readonly catalogImport: CatalogImportService;
  readonly auth: AuthService;
  readonly staff: StaffService;
  readonly reports: ReportsService;
  readonly reportMaintenance: ReportMaintenanceService;
  readonly reportDrilldown: ReportDrilldownService;
  readonly attachments: AttachmentsService;
  readonly citizenUploads: CitizenUploadsService;
  readonly signing: SigningService;
  readonly documents: DocumentsService;
  readonly audit: AuditService;
  readonly refusals: RefusalLog;
  readonly jobQueue: JobQueue<Repositories>;
  readonly jobsAdmin: JobsAdminService;
  readonly deadlineCheck: DeadlineCheck;
}

export function createServices(db: Database, config: Config, clock: Clock): Services {
  const uow = createUnitOfWork(db, (executor) => bindRepositories(executor, db.dialect));
  const units = new UnitsService(uow, clock);
  const calendar = new CalendarService(uow, clock);
  const catalog = new CatalogService(uow, clock);
  // The catalogue as the workflow and dossier modules see it (ports, so they stay independent of its internals).
  const legalLimit: LegalLimitSource = async (procedureCode, caseCode, onDate) => {
    const { procedureCase } = await catalog.caseInForce(procedureCode, caseCode, onDate);
    return { amount: procedureCase.timeLimit.amount, unit: procedureCase.timeLimit.unit, noAppointmentDate: procedureCase.noAppointmentDate };
  };
  const procedureCases: ProcedureCaseSource = async (procedureCode, caseCode, onDate) => {
    const { version, procedureCase } = await catalog.caseInForce(procedureCode, caseCode, onDate);
    return {
      ref: {
        code: version.code,
        caseCode: procedureCase.code,
        versionId: version.id,
        name: version.name,
        caseName: procedureCase.name,
        fieldCode: version.field.code,
        fieldName: version.field.name,
        timeLimit: procedureCase.timeLimit,
        noAppointmentDate: procedureCase.noAppointmentDate,
        cutOff: procedureCase.cutOff,
      },
      levels: version.levels,
      onlineLevel: version.onlineLevel,
      components: procedureCase.components.map((c) => ({ code: c.code, name: c.name, mandatory: c.mandatory })),
    };
  };
  const workflow = new WorkflowService(uow, clock, legalLimit);
  const store = new DossierStore(uow, clock);
  const planner = new DossierPlanner(calendar, workflow, procedureCases, uow.read.units, () => timeOrderedId());
  const reports = new ReportsService(uow, clock);
  // The dossier module checks cited attachment ids through a port; the attachments module sees dossiers
  // through the staff view (access first).
  const dossiers = new DossierContext(store, planner, (ids, ofDossier) => attachments.missing(ids, ofDossier));
  const dossierQueries = new DossierQueries(dossiers);
  const dossierAccess: DossierAccess = {
    async referencedAttachments(actor, dossierId) {
      const state = await dossierQueries.get(actor, dossierId);
      return new Set([...state.components.flatMap((c) => c.attachmentIds), ...(state.decision?.documents ?? []).flatMap((d) => (d.attachmentId ? [d.attachmentId] : []))]);
    },
  };
  const attachments = new AttachmentsService(uow, new LocalDiskStore(config.documents.filesDir), clock, config.documents.maxUploadBytes, dossierAccess);
  const jobQueue = new JobQueue(uow, clock);
  const signing = new SigningService(uow, clock, { secret: config.documents.signingKeySecret, allowDevelopmentCertificate: config.documents.allowDevelopmentCertificate });
  return {
    calendar,
    units,
    unitsImport: new UnitsImportService(uow, clock),
    catalog,
    catalogAdmin: new CatalogAdminService(uow, clock),
    workflow,
    dossierStore: store,
    intake: new IntakeService(dossiers),
    processing: new ProcessingService(dossiers, uow.read.identity),
    closing: new ClosingService(dossiers),
    dossierQueries,
    dossierVerify: new VerifyService(dossiers),
    dossierImport: new ImportService(dossiers),
    catalogImport: new CatalogImportService(uow, clock),
    auth: new AuthService(uow, clock, { ttlHours: config.session.ttlHours, idleMinutes: config.session.idleMinutes }),
    staff: new StaffService(uow, clock),
    reports,
    reportDrilldown: new ReportDrilldownService(uow, reports),
    reportMaintenance: new ReportMaintenanceService(uow),
    attachments,
    citizenUploads: new CitizenUploadsService(attachments, new DraftFilesService(dossiers)),
    signing,
    documents: new DocumentsService(uow, clock, dossierQueries, catalog, signing, attachments, config.documents.publicBaseUrl),
    audit: new AuditService(uow),
    refusals: new RefusalLog(uow, clock, config.accessAudit),
    jobQueue,
    jobsAdmin: new JobsAdminService(uow, clock),
    deadlineCheck: new DeadlineCheck(uow, clock, (instant) => planner.oneWorkingDayFrom(instant)),
  };
}

/** A worker with every job kind's handler (the server runs one in-process; `motcua jobs work` runs one alone). */
export function createJobWorker(services: Services, config: Config, logger?: WorkerLogger): JobWorker<Repositories> {
  const worker = new JobWorker(services.jobQueue, { concurrency: config.jobs.concurrency, pollMs: config.jobs.pollMs, leaseMs: config.jobs.leaseMs, ...(logger ? { logger } : {}) });
  worker.register(ISSUE_DOCUMENTS_JOB, issueDocumentsHandler(services.documents));
  worker.register(REBUILD_REPORTS_JOB, rebuildReportsHandler(services.reportMaintenance));
  worker.register(DEADLINE_CHECK_JOB, services.deadlineCheck.checkHandler);
  worker.register(DEADLINE_NOTICE_JOB, services.deadlineCheck.noticeHandler);
  return worker;
}
