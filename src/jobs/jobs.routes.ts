// HTTP adapter for background jobs (system administrators): the jobs by state — the dead letters with their
// reason, attempts and payload —, replaying a dead one (audited), and asking for a report rebuild in the
// background. One service call per route.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { authenticate, requireActor } from '../http/authentication.js';
import { IdParams } from '../http/schemas.js';
import { REBUILD_REPORTS_JOB } from '../reports/reports.jobs.js';
import type { Job } from './job.js';
import type { JobsAdminService } from './jobs-admin.service.js';
import { JobListQuery, JobListResponse, JobRequestedResponse, JobResponse } from './jobs.schemas.js';

const security = [{ session: [] }];
const tags = ['jobs'];

function view(job: Job) {
  const { leaseToken: _token, ...rest } = job;
  return rest;
}

export function jobsRoutes(admin: JobsAdminService) {
  return async function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.addHook('onRequest', authenticate);

    app.get('/jobs', {
      schema: { tags, summary: 'Background jobs by state, most recently changed first, with the count in each state (system administrators); ?state=dead lists the dead letters', security, querystring: JobListQuery, response: { 200: JobListResponse } },
      handler: async (request) => {
        const { items, counts } = await admin.list(await requireActor(request), request.query);
        return { items: items.map(view), counts };
      },
    });

    app.get('/jobs/:id', {
      schema: { tags, summary: 'One background job (system administrators)', security, params: IdParams, response: { 200: JobResponse } },
      handler: async (request) => view(await admin.get(await requireActor(request), request.params.id)),
    });

    app.post('/jobs/:id/replay', {
      schema: { tags, summary: 'Queue a dead job again with a fresh allowance of attempts (system administrators; audited)', security, params: IdParams, response: { 200: JobResponse } },
      handler: async (request) => view(await admin.replay(await requireActor(request), request.params.id, { requestId: request.id })),
    });

    app.post('/reports/rebuild', {
      schema: { tags, summary: 'Rebuild every report counter from the event log in the background (system administrators; audited)', security, response: { 202: JobRequestedResponse } },
      handler: async (request, reply) => {
        const actor = await requireActor(request);
        const result = await admin.request(actor, { kind: REBUILD_REPORTS_JOB, payload: { requestedBy: actor.userId }, idempotencyKey: `request:${request.id}`, maxAttempts: 3 }, { requestId: request.id });
        return reply.status(202).send({ job: view(result.job), created: result.created });
      },
    });
  };
}
