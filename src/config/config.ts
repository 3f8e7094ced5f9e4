// Configuration is parsed and validated once, at boot, into a frozen object (fail fast).
// Every variable read here is documented in `.env.example`.
import path from 'node:path';

export type Environment = 'development' | 'test' | 'production';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface SqliteDatabaseConfig {
  readonly dialect: 'sqlite';
  /** Path of the database file (the directory is created on start). */
  readonly file: string;
  /** PRAGMA synchronous; production refuses anything below FULL. */
  readonly synchronous: 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA';
  /** Group commit: most logical transactions in one physical COMMIT. */
  readonly writeBatchMaxSize: number;
  /** Group commit: stop admitting new transactions into a batch after this many ms. */
  readonly writeBatchMaxMs: number;
}

export interface PostgresDatabaseConfig {
  readonly dialect: 'postgres';
  readonly url: string;
  readonly poolMax: number;
}

export type DatabaseConfig = SqliteDatabaseConfig | PostgresDatabaseConfig;

export interface Config {
  readonly env: Environment;
  readonly host: string;
  readonly port: number;
  readonly logLevel: LogLevel;
  readonly database: DatabaseConfig;
  /** Load the demo province, units and accounts when the database is empty. */
  readonly seedDemoData: boolean;
  /** Dossiers walked through their lifecycle over the last weeks when demo data is first loaded. */
  readonly demoDossiers: number;
  readonly session: {
    readonly cookieName: string;
    readonly ttlHours: number;
    /** Secure cookies need HTTPS; on by default in production. */
    readonly secureCookie: boolean;
  };
  /** Largest accepted request body, in bytes. */
  readonly bodyLimitBytes: number;
  /** Trust X-Forwarded-* from a reverse proxy (true, false, or a hop count / address list). */
  readonly trustProxy: boolean | number | string;
  /** Public base URL, used in OpenAPI servers and links. */
  readonly publicUrl: string;
  readonly documents: {
    /** Base of the citizens' web pages: forms print a QR code to `<base>/tra-cuu/<dossier code>`. */
    readonly publicBaseUrl: string;
    /** Directory of the content-addressed file store (attachments, signed copies). */
    readonly filesDir: string;
    /** Largest accepted upload, in bytes. */
    readonly maxUploadBytes: number;
    /** Secret from which the key sealing signing certificates (PKCS#12) in the database is derived. */
    readonly signingKeySecret: string;
    /** Sign with a generated development certificate when a unit has none (never in production). */
    readonly allowDevelopmentCertificate: boolean;
  };
  /** Background jobs (src/jobs): the in-process worker. Any number of processes may run one on one database. */
  readonly jobs: {
    /** Run a worker inside the server (off: jobs wait for `motcua jobs work` or another node). */
    readonly worker: boolean;
    /** Jobs one worker runs at once. */
    readonly concurrency: number;
    /** Wait between polls of an empty queue, in ms. */
    readonly pollMs: number;
    /** How long a claim holds without renewal, in ms (renewed every third of it while a job runs). */
    readonly leaseMs: number;
    /** Schedule the deadline check every hour (reminders of dossiers due within one working day or overdue). */
    readonly deadlineCheck: boolean;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Parses environment variables into a frozen Config, or throws ConfigError listing every problem. */
export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const problems: string[] = [];
  const reader = new EnvReader(env, problems);

  const nodeEnv = reader.oneOf('NODE_ENV', ['development', 'test', 'production'] as const, 'development');
  const isProduction = nodeEnv === 'production';
  const database = parseDatabase(reader, isProduction);

  const port = reader.integer('PORT', 3000, 0, 65535);
  const host = reader.string('HOST', '0.0.0.0');
  const config: Config = {
    env: nodeEnv,
    host,
    port,
    logLevel: reader.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    database,
    seedDemoData: reader.boolean('SEED_DEMO_DATA', !isProduction),
    demoDossiers: reader.integer('DEMO_DOSSIERS', nodeEnv === 'development' ? 150 : 0, 0, 100_000),
    session: {
      cookieName: reader.string('SESSION_COOKIE_NAME', 'motcua_session'),
      ttlHours: reader.integer('SESSION_TTL_HOURS', 12, 1, 24 * 30),
      secureCookie: reader.boolean('SESSION_COOKIE_SECURE', isProduction),
    },
    bodyLimitBytes: reader.integer('BODY_LIMIT_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024),
    trustProxy: parseTrustProxy(reader.string('TRUST_PROXY', 'false')),
    publicUrl: reader.string('PUBLIC_URL', `http://localhost:${port}`),
    documents: parseDocuments(reader, isProduction, port),
    jobs: {
      // Off under test by default: tests run workers explicitly.
      worker: reader.boolean('JOBS_WORKER', nodeEnv !== 'test'),
      concurrency: reader.integer('JOBS_CONCURRENCY', 2, 1, 64),
      pollMs: reader.integer('JOBS_POLL_MS', 1000, 10, 60_000),
      leaseMs: reader.integer('JOBS_LEASE_MS', 60_000, 500, 3_600_000),
      deadlineCheck: reader.boolean('JOBS_DEADLINE_CHECK', true),
    },
    ...overrides,
  };

  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(config);
}

function parseDatabase(reader: EnvReader, isProduction: boolean): DatabaseConfig {
  const url = reader.string('DATABASE_URL', 'sqlite:./data/motcua.db');
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    return { dialect: 'postgres', url, poolMax: reader.integer('PG_POOL_MAX', 10, 1, 500) };
  }
  if (url.startsWith('sqlite:')) {
    const synchronous = reader.oneOf('SQLITE_SYNCHRONOUS', ['OFF', 'NORMAL', 'FULL', 'EXTRA'] as const, 'FULL');
    if (isProduction && (synchronous === 'OFF' || synchronous === 'NORMAL')) {
      reader.problem(`SQLITE_SYNCHRONOUS=${synchronous} is refused in production: an acknowledged write must survive a power loss (use FULL or EXTRA)`);
    }
    return {
      dialect: 'sqlite',
      file: path.resolve(url.slice('sqlite:'.length)),
      synchronous,
      writeBatchMaxSize: reader.integer('SQLITE_WRITE_BATCH_MAX', 256, 1, 10_000),
      writeBatchMaxMs: reader.integer('SQLITE_WRITE_BATCH_MAX_MS', 20, 1, 1000),
    };
  }
  reader.problem('DATABASE_URL must start with sqlite: or postgres:// (or postgresql://)');
  return { dialect: 'sqlite', file: '', synchronous: 'FULL', writeBatchMaxSize: 1, writeBatchMaxMs: 1 };
}

const DEVELOPMENT_SIGNING_SECRET = 'motcua-development-only-signing-key-secret';

function parseDocuments(reader: EnvReader, isProduction: boolean, port: number): Config['documents'] {
  const signingKeySecret = reader.string('SIGNING_KEY_SECRET', isProduction ? '' : DEVELOPMENT_SIGNING_SECRET);
  // Unset in production: documents cannot be signed (a clear error when one is asked for); set: strong enough.
  if (isProduction && signingKeySecret !== '' && signingKeySecret.length < 32) reader.problem('SIGNING_KEY_SECRET must have at least 32 characters: it seals the units\' signing certificates');
  const publicBaseUrl = reader.string('PUBLIC_BASE_URL', reader.string('PUBLIC_URL', `http://localhost:${port}`));
  if (!/^https?:\/\/[^\s]+$/.test(publicBaseUrl)) reader.problem(`PUBLIC_BASE_URL must be an http(s) address (got "${publicBaseUrl}")`);
  return {
    publicBaseUrl,
    filesDir: path.resolve(reader.string('FILES_DIR', './data/files')),
    maxUploadBytes: reader.integer('UPLOAD_MAX_BYTES', 20 * 1024 * 1024, 1024, 2 * 1024 * 1024 * 1024),
    signingKeySecret,
    allowDevelopmentCertificate: reader.boolean('DEVELOPMENT_CERTIFICATE', !isProduction),
  };
}

function parseTrustProxy(value: string): boolean | number | string {
  if (value === 'true') return true;
  if (value === 'false' || value === '') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

class EnvReader {
  constructor(private readonly env: Env, private readonly problems: string[]) {}

  problem(message: string): void {
    this.problems.push(message);
  }

  string(name: string, fallback: string): string {
    const value = this.env[name];
    return value === undefined || value === '' ? fallback : value;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problem(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    if (['true', '1', 'yes'].includes(raw)) return true;
    if (['false', '0', 'no'].includes(raw)) return false;
    this.problem(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problem(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return fallback;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
