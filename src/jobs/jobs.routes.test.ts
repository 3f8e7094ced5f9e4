// Jobs in the application, through HTTP on both dialects: forms issued by a worker right after the command
// that called for them; dead letters listed for system administrators only and replayed with an audit entry;
// a report rebuild requested in the background; the hourly deadline check that reminds once per dossier and day.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { DIALECTS, forEachDialect, startTestApp, type TestApp } from '../../test/support/test-app.js';
import { runCli } from '../cli/main.js';
import { createJobWorker } from '../composition.js';
import { generateDossiers, steppingClock } from '../demo/dossier-generator.js';
import { ISSUE_DOCUMENTS_JOB } from '../documents/documents.jobs.js';
import { DEADLINE_CHECK_JOB, DEADLINE_NOTICE_JOB } from '../notifications/deadline-check.js';

const START = '2026-01-05T01:00:00.000Z'; // Monday 05/01/2026 08:00 in Vietnam
const clock = steppingClock(START);

async function as(t: TestApp, user: string | null, method: 'GET' | 'POST', url: string) {
  return t.inject({ method, url, headers: user ? { cookie: await t.login(user) } : {} });
}

forEachDialect(
  'background jobs',
  (testApp) => {
    const worker = () => createJobWorker(testApp().app.services, testApp().config);
    const repos = () => testApp().app.services.jobQueue.uow.read;

    it('a command that calls for a form enqueues documents.issue in its own transaction; a worker issues and signs the form', async () => {
      const t = testApp();
      clock.set(new Date(START));
      await generateDossiers(t.app.services, { count: 12, seed: 20260105, clock });
      const queued = await as(t, 'admin', 'GET', `/api/v1/admin/jobs?kind=${ISSUE_DOCUMENTS_JOB}&state=queued&limit=500`);
      assert.equal(queued.statusCode, 200);
      const items = queued.json().items as Array<{ payload: { dossierId: string }; idempotencyKey: string; attempts: number }>;
      assert.ok(items.length >= 8, `jobs for the forms of 12 dossiers (${items.length})`);
      for (const job of items) {
        assert.equal(job.attempts, 0);
        const stored = await repos().dossiers.find(job.payload.dossierId);
        assert.ok(stored, 'the job names a dossier that committed with it');
        assert.ok(Number(job.idempotencyKey.split(':')[1]) <= (await repos().dossiers.events(job.payload.dossierId)).length);
      }
      const sample = items[0]!.payload.dossierId;
      assert.deepEqual(await repos().documents.issuedOf(sample), [], 'nothing issued before the worker runs');

      const w = worker();
      await w.drain();
      assert.equal(w.stats.dead, 0);
      const after = (await as(t, 'admin', 'GET', `/api/v1/admin/jobs?kind=${ISSUE_DOCUMENTS_JOB}`)).json();
      assert.equal(after.counts.queued, 0);
      assert.equal(after.counts.running, 0);
      for (const job of items) {
        const issued = await repos().documents.issuedOf(job.payload.dossierId);
        assert.ok(issued.length >= 1, 'each dossier got its forms');
        assert.ok(issued.every((d) => d.attachmentId !== null), 'each with its signed copy');
      }
    });

    it('a dead job is listed with reason, attempts and payload for system administrators only, and replayed with an audit entry', async () => {
      const t = testApp();
      const missing = randomUUID();
      const { id } = await t.app.services.jobQueue.enqueue({ kind: ISSUE_DOCUMENTS_JOB, payload: { dossierId: missing }, idempotencyKey: `missing:${missing}` });
      await worker().drain();

      const dead = await as(t, 'admin', 'GET', '/api/v1/admin/jobs?state=dead');
      assert.equal(dead.statusCode, 200);
      const job = dead.json().items.find((j: { id: string }) => j.id === id);
      assert.equal(job.state, 'dead');
      assert.equal(job.deadReason, 'permanent_error');
      assert.equal(job.attempts, 1);
      assert.deepEqual(job.payload, { dossierId: missing });
      assert.match(job.lastError, /not found/);
      assert.equal(job.leaseToken, undefined, 'lease tokens are not shown');
      assert.ok(dead.json().counts.dead >= 1);

      assert.equal((await as(t, null, 'GET', '/api/v1/admin/jobs')).statusCode, 401);
      const provinceAdmin = await as(t, 'tinh.quantri', 'GET', '/api/v1/admin/jobs?state=dead');
      assert.equal(provinceAdmin.statusCode, 403);
      assert.equal(provinceAdmin.json().error.code, 'FORBIDDEN');
      assert.equal((await as(t, 'tinh.quantri', 'POST', `/api/v1/admin/jobs/${id}/replay`)).statusCode, 403);
      assert.equal((await as(t, 'admin', 'GET', `/api/v1/admin/jobs/${id}`)).json().state, 'dead', 'a refused replay changes nothing');

      clock.set(new Date('2026-01-05T03:00:00.000Z'));
      const replayed = await as(t, 'admin', 'POST', `/api/v1/admin/jobs/${id}/replay`);
      assert.equal(replayed.statusCode, 200);
      assert.equal(replayed.json().state, 'queued');
      assert.equal(replayed.json().attempts, 0);
      const audit = await repos().audit.listFor('job', id);
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.action, 'job.replayed');
      assert.equal(audit[0]!.occurredAt, '2026-01-05T03:00:00.000Z');
      const admin = (await as(t, 'admin', 'GET', '/api/v1/auth/me')).json();
      assert.equal(audit[0]!.actorUserId, admin.id ?? admin.user?.id);
      assert.equal(audit[0]!.details.deadReason, 'permanent_error');
      assert.equal(audit[0]!.details.attempts, 1);
      assert.ok(audit[0]!.requestId);

      const again = await as(t, 'admin', 'POST', `/api/v1/admin/jobs/${id}/replay`);
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().error.code, 'JOB_NOT_DEAD');
      const unknown = await as(t, 'admin', 'POST', `/api/v1/admin/jobs/${randomUUID()}/replay`);
      assert.equal(unknown.statusCode, 404);
      assert.equal(unknown.json().error.code, 'JOB_NOT_FOUND');

      await worker().drain();
      assert.equal((await as(t, 'admin', 'GET', `/api/v1/admin/jobs/${id}`)).json().state, 'dead', 'still poison: dead again after the replay');
    });

    it('the command line lists dead jobs, replays one and drains the queue', async () => {
      const t = testApp();
      const missing = randomUUID();
      const { id } = await t.app.services.jobQueue.enqueue({ kind: ISSUE_DOCUMENTS_JOB, payload: { dossierId: missing }, idempotencyKey: `cli:${missing}` });
      await worker().drain();
      const saved = { url: process.env.DATABASE_URL, log: console.log, error: console.error };
      const db = t.config.database;
      process.env.DATABASE_URL = db.dialect === 'sqlite' ? `sqlite:${db.file}` : db.url;
      const lines: string[] = [];
      console.log = (...args: unknown[]) => lines.push(args.join(' '));
      console.error = (...args: unknown[]) => lines.push(args.join(' '));
      try {
        assert.equal(await runCli(['jobs', 'dead']), 0);
        assert.ok(lines.some((l) => l.startsWith(id) && l.includes('dead')), lines.join('\n'));
        assert.ok(lines.some((l) => l.includes('dead: permanent_error')));
        assert.ok(lines.some((l) => l.includes(missing)), 'the payload is shown');
        lines.length = 0;
        assert.equal(await runCli(['jobs', 'replay', id]), 0);
        assert.ok(lines.some((l) => l.startsWith(id) && l.includes('queued')), lines.join('\n'));
        assert.equal(await runCli(['jobs', 'replay', id]), 1, 'no longer dead');
        assert.equal(await runCli(['jobs', 'replay', 'not-an-id']), 1);
        lines.length = 0;
        assert.equal(await runCli(['jobs', 'work', '--drain']), 0);
        assert.ok(lines.some((l) => /^Ran \d+ jobs: .*1 dead/.test(l)), lines.join('\n'));
        assert.equal((await repos().jobs.find(id))!.state, 'dead');
        assert.equal((await repos().audit.listFor('job', id)).length, 1, 'the CLI replay is audited');
      } finally {
        if (saved.url === undefined) delete process.env.DATABASE_URL;
        else process.env.DATABASE_URL = saved.url;
        console.log = saved.log;
        console.error = saved.error;
      }
    });

    it('a report rebuild runs in the background on a system administrator\'s request', async () => {
      const t = testApp();
      assert.equal((await as(t, 'tinh.giamsat', 'POST', '/api/v1/admin/reports/rebuild')).statusCode, 403);
      const requested = await as(t, 'admin', 'POST', '/api/v1/admin/reports/rebuild');
      assert.equal(requested.statusCode, 202);
      const { job, created } = requested.json();
      assert.equal(created, true);
      assert.equal(job.kind, 'reports.rebuild');
      assert.equal(job.state, 'queued');
      assert.equal((await repos().audit.listFor('job', job.id))[0]!.action, 'job.requested');
      await worker().drain();
      assert.equal((await as(t, 'admin', 'GET', `/api/v1/admin/jobs/${job.id}`)).json().state, 'done');
      assert.equal((await t.app.services.reportMaintenance.reconcile()).differences.length, 0);
    });

    it('the hourly deadline check reminds once per dossier, day and kind, and is scheduled once however many nodes start', async () => {
      const t = testApp();
      clock.set(new Date('2026-03-02T02:10:00.000Z')); // weeks after the dossiers were received: many are overdue
      const overdue = await repos().dossiers.dueBy(clock.now().toISOString(), 1000);
      assert.ok(overdue.length > 0, 'some generated dossiers are overdue');

      // Two nodes start their workers in the same hour.
      await t.app.services.deadlineCheck.ensureScheduled();
      await t.app.services.deadlineCheck.ensureScheduled();
      const checks = await repos().jobs.list({ kind: DEADLINE_CHECK_JOB, limit: 10 });
      assert.equal(checks.length, 1);
      assert.equal(checks[0]!.idempotencyKey, '2026-03-02T02:00:00.000Z');

      await worker().drain();
      const notices = await repos().jobs.list({ kind: DEADLINE_NOTICE_JOB, limit: 1000 });
      assert.ok(notices.length >= overdue.length);
      assert.ok(notices.every((n) => n.state === 'done'));
      for (const dossier of overdue) {
        const messages = await repos().notifications.ofDossier(dossier.id);
        assert.ok(messages.length >= 1, `a reminder for ${dossier.code}`);
        for (const m of messages) {
          assert.equal(m.subject, `Hồ sơ ${dossier.code} đã quá hạn giải quyết`);
          assert.match(m.body, /đã quá hạn trả kết quả lúc \d\d:\d\d ngày \d\d\/\d\d\/\d{4}/);
          assert.ok(['email', 'sms', 'console'].includes(m.channel));
          assert.ok(m.recipient.length > 0);
          assert.match(m.idempotencyKey, new RegExp(`^${dossier.id}:2026-03-02:overdue:`));
        }
      }
      const countMessages = async () => (await Promise.all(overdue.map((d) => repos().notifications.ofDossier(d.id)))).flat().length;
      const before = await countMessages();
      let next = (await repos().jobs.list({ kind: DEADLINE_CHECK_JOB, state: 'queued', limit: 10 }));
      assert.deepEqual(next.map((j) => j.runAt), ['2026-03-02T03:00:00.000Z'], 'the check schedules the next hour');

      // The next hour's check, run twice over: no reminder is repeated on the same day.
      clock.set(new Date('2026-03-02T03:00:05.000Z'));
      await t.app.services.deadlineCheck.ensureScheduled();
      await worker().drain();
      assert.equal(await countMessages(), before);
      next = await repos().jobs.list({ kind: DEADLINE_CHECK_JOB, state: 'queued', limit: 10 });
      assert.deepEqual(next.map((j) => j.runAt), ['2026-03-02T04:00:00.000Z']);
      assert.equal((await repos().jobs.list({ kind: DEADLINE_NOTICE_JOB, limit: 1000 })).length, notices.length, 'no second notice job for the same day');
    });
  },
  { clock },
);

for (const dialect of DIALECTS) {
  describe(`the server's own job worker [${dialect}]`, () => {
    it('runs jobs in the background when JOBS_WORKER is on, schedules the deadline check, and stops before the database closes', async () => {
      const t = await startTestApp(dialect, { seed: false, env: { JOBS_WORKER: 'true', JOBS_POLL_MS: '20' } });
      let closed = false;
      try {
        assert.ok(t.app.jobWorker, 'the server has a worker');
        const read = t.app.services.jobQueue.uow.read;
        assert.equal((await read.jobs.list({ kind: DEADLINE_CHECK_JOB, limit: 5 })).length >= 1, true, 'the deadline check is scheduled at start');
        const { id } = await t.app.services.jobQueue.enqueue({ kind: 'reports.rebuild', payload: {}, idempotencyKey: 'server-worker' });
        const until = Date.now() + 20_000;
        while ((await read.jobs.find(id))!.state !== 'done') {
          assert.ok(Date.now() < until, 'the in-process worker runs the job');
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await t.close();
        closed = true;
        assert.ok(t.app.jobWorker!.stats.done >= 1);
      } finally {
        if (!closed) await t.close();
      }
    });
  });
}
