// buildApp(config): the whole HTTP application as a Fastify instance, ready for listen() or inject().
import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config/config.js';
import { createJobWorker, createServices, type Repositories, type Services } from './composition.js';
import type { JobWorker } from './jobs/job-worker.js';
import { jobsRoutes } from './jobs/jobs.routes.js';
import type { Database } from './db/database.js';
import { openDatabase } from './db/open-database.js';
import { seedDemoDataIfEmpty } from './demo/demo-data.js';
import { seedDemoDossiers } from './demo/demo-dossiers.js';
import { healthRoutes } from './health/health.routes.js';
import { registerAuthentication } from './http/authentication.js';
import { registerErrorHandling } from './http/error-handler.js';
import { loggerOptions } from './http/logging.js';
import { registerOpenApi } from './http/openapi.js';
import { registerOverloadProtection, sheddingServerFactory, TurnBudget } from './http/overload.js';
import { buildSerializer } from './http/serializer.js';
import { validatorCompiler } from './http/validation.js';
import { registerWebApp } from './http/web-app.js';
import { authRoutes, staffRoutes } from './identity/identity.routes.js';
import { StaffProfileResponse } from './identity/identity.schemas.js';
import { UnitResponse } from './units/units.schemas.js';
import { systemClock, type Clock } from './time/clock.js';
import { unitsRoutes } from './units/units.routes.js';
import { calendarRoutes } from './calendar/calendar.routes.js';
import { dossiersRoutes } from './dossiers/dossiers.routes.js';
import { DossierResponse } from './dossiers/dossiers.schemas.js';
import { publicDossiersRoutes } from './dossiers/public-dossiers.routes.js';
import { workflowRoutes } from './workflow/workflow.routes.js';
import { ProcessDefinitionResponse } from './workflow/workflow.schemas.js';
import { catalogRoutes } from './catalog/catalog.routes.js';
import { attachmentsRoutes } from './attachments/attachments.routes.js';
import { citizenUploadsRoutes } from './attachments/citizen-uploads.routes.js';
import { documentsRoutes } from './documents/documents.routes.js';
import { ProcedureSummary, ProcedureVersionResponse } from './catalog/catalog.schemas.js';
import { reportsRoutes } from './reports/reports.routes.js';
import { Figures } from './reports/reports.schemas.js';

export interface BuildOptions {
  /** Use this database instead of opening the configured one (the app still closes it). */
  readonly database?: Database;
  readonly clock?: Clock;
  /** Where logs go (tests capture them); default stdout. */
  readonly logStream?: NodeJS.WritableStream;
  /** The built web to serve (default dist/web); the API runs alone when it has not been built. */
  readonly webRoot?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
    database: Database;
    /** The in-process job worker (null when JOBS_WORKER is off). */
    jobWorker: JobWorker<Repositories> | null;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const clock = options.clock ?? systemClock;
  const database = options.database ?? (await openDatabase(config));
  const services = createServices(database, config, clock);
  try {
    await services.calendar.ensureReferenceData();
    await services.reportMaintenance.fillIfMissing();
    if (config.seedDemoData && (await seedDemoDataIfEmpty(services, database, clock)) && config.demoDossiers > 0) {
      await seedDemoDossiers(database, config, clock.now(), config.demoDossiers);
    }
  } catch (error) {
    await database.close();
    throw error;
  }

  const { maxTurnMs, maxInFlight, retryAfterSeconds } = config.overload;
  const turnBudget = maxTurnMs > 0 ? new TurnBudget(maxTurnMs) : null;
  const app = Fastify({
    ...(turnBudget || maxInFlight > 0 ? { serverFactory: sheddingServerFactory(turnBudget, maxInFlight, retryAfterSeconds) } : {}),
    logger: loggerOptions(config, options.logStream),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy as boolean | string,
    requestIdHeader: false,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    routerOptions: { maxParamLength: 200, ignoreTrailingSlash: true },
    schemaController: { compilersFactory: { buildSerializer } },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.decorate('services', services);
  app.decorate('database', database);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  const worker = config.jobs.worker ? createJobWorker(services, config, app.log) : null;
  app.decorate('jobWorker', worker);
  // The worker finishes the jobs in hand and the refusals are written before the database closes.
  app.addHook('onClose', async () => {
    await worker?.stop();
    await services.refusals.flush({ closing: true }).catch((error: unknown) => app.log.error({ err: error }, 'refusals not written to the audit log'));
    await database.close();
  });

  registerErrorHandling(app);
  await app.register(cookie);
  registerAuthentication(app, services.auth, config.session.cookieName);
  // Before the routes: the rate limits attach to routes as they are declared.
  await registerOverloadProtection(app, config.overload, turnBudget);
  await registerOpenApi(app, config);
  // Schemas referenced by $ref from several modules' routes live at the root scope.
  app.addSchema(UnitResponse);
  app.addSchema(StaffProfileResponse);
  app.addSchema(ProcedureVersionResponse);
  app.addSchema(ProcedureSummary);
  app.addSchema(ProcessDefinitionResponse);
  app.addSchema(DossierResponse);
  app.addSchema(Figures);

  await app.register(healthRoutes(database));
  await app.register(authRoutes(services.auth, { name: config.session.cookieName, secure: config.session.secureCookie }), { prefix: '/api/v1/auth' });
  await app.register(staffRoutes(services.staff), { prefix: '/api/v1/staff' });
  await app.register(unitsRoutes(services.units, services.unitsImport), { prefix: '/api/v1/units' });
  await app.register(calendarRoutes(services.calendar), { prefix: '/api/v1/calendar' });
  await app.register(catalogRoutes(services.catalog, services.catalogAdmin, services.catalogImport), { prefix: '/api/v1/procedures' });
  await app.register(workflowRoutes(services.workflow), { prefix: '/api/v1/process-definitions' });
  await app.register(dossiersRoutes({ intake: services.intake, processing: services.processing, closing: services.closing, queries: services.dossierQueries, imports: services.dossierImport }), { prefix: '/api/v1/dossiers' });
  await app.register(publicDossiersRoutes(services.intake, services.dossierQueries), { prefix: '/api/v1/public/dossiers' });
  await app.register(reportsRoutes(services.reports, services.reportDrilldown), { prefix: '/api/v1/reports' });
  await app.register(documentsRoutes(services.documents, services.signing), { prefix: '/api/v1' });
  await app.register(attachmentsRoutes(services.attachments, config.documents.maxUploadBytes), { prefix: '/api/v1' });
  await app.register(citizenUploadsRoutes(services.citizenUploads, config.documents.maxUploadBytes), { prefix: '/api/v1/public/dossiers' });
  await app.register(jobsRoutes(services.jobsAdmin), { prefix: '/api/v1/admin' });
  if (!(await registerWebApp(app, options.webRoot))) app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/docs'));

  await app.ready();
  if (worker) {
    if (config.jobs.deadlineCheck) await services.deadlineCheck.ensureScheduled();
    worker.start();
  }
  return app;
}
