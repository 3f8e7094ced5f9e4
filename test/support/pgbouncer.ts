// A throwaway PgBouncer in transaction mode in front of the test cluster (Debian's pgbouncer, installed by
// .ci/run): the pooling that production deployments use, where consecutive transactions of one client
// connection may run on different server connections — so no session state may live on a connection.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './pg-cluster.js';

export interface PgBouncer {
  /** The same database URL, through the bouncer. */
  urlOf(databaseUrl: string): string;
  stop(): Promise<void>;
}

export async function startPgBouncer(clusterUrl: string): Promise<PgBouncer> {
  const target = new URL(clusterUrl);
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-pgbouncer-'));
  const user = decodeURIComponent(target.username || 'postgres');
  fs.writeFileSync(path.join(dir, 'users.txt'), `"${user}" ""\n`);
  fs.writeFileSync(
    path.join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `* = host=${target.hostname} port=${target.port}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${path.join(dir, 'users.txt')}`,
      'pool_mode = transaction',
      'max_client_conn = 400',
      'default_pool_size = 8',
      // node-postgres sends `options` (MotCua's -c TimeZone=UTC); PgBouncer cannot pass it on per
      // transaction, and MotCua does not need it (it reads instants with their offset).
      'ignore_startup_parameters = options',
      `logfile = ${path.join(dir, 'pgbouncer.log')}`,
      '',
    ].join('\n'),
  );
  // PgBouncer refuses to run as root: run it as the postgres user then (the cluster's user too).
  const asUser = process.getuid?.() === 0 ? Number(execFileSync('id', ['-u', 'postgres']).toString().trim()) : undefined;
  const asGroup = asUser !== undefined ? Number(execFileSync('id', ['-g', 'postgres']).toString().trim()) : undefined;
  if (asUser !== undefined) fs.chownSync(dir, asUser, asGroup!);
  for (const file of fs.readdirSync(dir)) if (asUser !== undefined) fs.chownSync(path.join(dir, file), asUser, asGroup!);
  const binary = ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer'].find((b) => fs.existsSync(b));
  if (!binary) throw new Error('pgbouncer is not installed (apt-get install pgbouncer; .ci/run does it)');
  const child = spawn(binary, [path.join(dir, 'pgbouncer.ini')], { stdio: ['ignore', 'pipe', 'pipe'], ...(asUser !== undefined ? { uid: asUser, gid: asGroup! } : {}) });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Ready when it accepts connections.
  const { default: pg } = await import('pg');
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`pgbouncer exited: ${output}${fs.existsSync(path.join(dir, 'pgbouncer.log')) ? fs.readFileSync(path.join(dir, 'pgbouncer.log'), 'utf8') : ''}`);
    const client = new pg.Client({ host: '127.0.0.1', port, user, database: target.pathname.slice(1) || 'postgres' });
    try {
      await client.connect();
      await client.query('select 1');
      await client.end();
      break;
    } catch (error) {
      await client.end().catch(() => {});
      if (Date.now() > deadline) throw new Error(`pgbouncer did not accept connections: ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    urlOf(databaseUrl) {
      const url = new URL(databaseUrl);
      url.hostname = '127.0.0.1';
      url.port = String(port);
      return url.toString();
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
