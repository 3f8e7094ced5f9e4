// Statements compiled once. Kysely builds and compiles a query again on every call — a tree of frozen nodes
// visited into SQL — which cost more CPU than SQLite took to run the hot statements of a dossier command.
// A prepared query is built with Kysely's own builder once per dialect, with named placeholders where the
// values go; each call then runs the compiled SQL (the same string object, so the driver's statement cache
// finds it at once) with the values in placeholder order. Still typed by the builder, still one SQL text
// per dialect from Kysely's compiler; only repositories use it.
import { CompiledQuery, type Compilable, type QueryResult } from 'kysely';
import type { Executor } from './database.js';

const PLACEHOLDER = Symbol('placeholder');

interface Placeholder {
  readonly [PLACEHOLDER]: string;
}

function isPlaceholder(value: unknown): value is Placeholder {
  return typeof value === 'object' && value !== null && PLACEHOLDER in value;
}

/** Where each parameter of the compiled SQL comes from: a named value, or a constant written in the builder. */
type Slot = { readonly name: string } | { readonly constant: unknown };

interface Compiled {
  readonly sql: string;
  readonly slots: readonly Slot[];
}

/**
 * `param(name)` stands for a value in the builder. It is typed `never` so that it fits any column; it is
 * a marker object that must reach Kysely as a value (never inspected or combined in JavaScript).
 */
export type Param<P extends string> = (name: P) => never;

/** `{ column: param(column + suffix) }` for each column: the values of an insert or update, by name. */
export function columnParams<C extends string>(columns: readonly C[], param: Param<C>): Record<C, never>;
export function columnParams<C extends string>(columns: readonly C[], param: Param<string>, suffix: string): Record<C, never>;
export function columnParams<C extends string>(columns: readonly C[], param: Param<string>, suffix = ''): Record<C, never> {
  return Object.fromEntries(columns.map((column) => [column, param(`${column}${suffix}`)])) as Record<C, never>;
}

type Build<P extends string, R> = (db: Executor, param: Param<P>) => Compilable<R>;

function compile<P extends string, R>(db: Executor, build: Build<P, R>): Compiled {
  const param = ((name: P) => Object.freeze({ [PLACEHOLDER]: name })) as unknown as Param<P>;
  const compiled = build(db, param).compile();
  return { sql: compiled.sql, slots: compiled.parameters.map((value) => (isPlaceholder(value) ? { name: value[PLACEHOLDER] } : { constant: value })) };
}

/**
 * Runs a statement at once on the connection behind an executor and returns what Kysely's driver would. For
 * SQLite, whose driver is synchronous: Kysely's path around it (connection provider, mutex, driver, a few
 * promises) cost five times SQLite's own time for a one-row insert, and a dossier command runs dozens.
 */
export type DirectRunner = (sql: string, parameters: readonly unknown[]) => QueryResult<unknown>;

const directRunners = new WeakMap<Executor, DirectRunner>();

/**
 * Prepared queries on this executor (a SQLite connection's Kysely, or a write transaction of it) run through
 * `runner`. Only for executors that hold their connection alone while a statement runs (SQLite: one
 * synchronous connection each); any other executor, or one derived from it, goes through Kysely.
 */
export function runDirectlyOn(executor: Executor, runner: DirectRunner): void {
  directRunners.set(executor, runner);
}

function run<R>(db: Executor, compiled: Compiled, values: Readonly<Record<string, unknown>>): Promise<QueryResult<R>> {
  const parameters = compiled.slots.map((slot) => {
    if ('constant' in slot) return slot.constant;
    const value = values[slot.name];
    // Kysely leaves an undefined column out of an insert; here the column is in the SQL, so it gets NULL.
    return value === undefined ? null : value;
  });
  const direct = directRunners.get(db);
  if (direct) {
    try {
      return Promise.resolve(direct(compiled.sql, parameters) as QueryResult<R>);
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }
  return db.executeQuery(CompiledQuery.raw(compiled.sql, parameters) as CompiledQuery<R>);
}

/** The dialect a query compiles for: one compiled text per adapter (the writer and reader of a database share it). */
function dialectOf(db: Executor): object {
  return db.getExecutor().adapter;
}

/** One statement of fixed shape. */
export class PreparedQuery<P extends string, R> {
  private readonly byDialect = new WeakMap<object, Compiled>();

  constructor(private readonly build: Build<P, R>) {}

  execute(db: Executor, values: Readonly<Record<P, unknown>>): Promise<QueryResult<R>> {
    const dialect = dialectOf(db);
    let compiled = this.byDialect.get(dialect);
    if (!compiled) {
      compiled = compile(db, this.build);
      this.byDialect.set(dialect, compiled);
    }
    return run(db, compiled, values);
  }
}

/**
 * Statements whose shape varies a little (the columns an update changes, the number of rows an insert adds):
 * one compiled text per shape key. The caller's key must determine the shape `build` makes.
 */
export class PreparedFamily<R> {
  private readonly byDialect = new WeakMap<object, Map<string, Compiled>>();

  constructor(private readonly maxShapes = 1000) {}

  execute<P extends string>(db: Executor, key: string, build: Build<P, R>, values: Readonly<Record<P, unknown>>): Promise<QueryResult<R>> {
    const dialect = dialectOf(db);
    let shapes = this.byDialect.get(dialect);
    if (!shapes) {
      shapes = new Map();
      this.byDialect.set(dialect, shapes);
    }
    let compiled = shapes.get(key);
    if (!compiled) {
      if (shapes.size >= this.maxShapes) shapes.clear();
      compiled = compile(db, build);
      shapes.set(key, compiled);
    }
    return run(db, compiled, values);
  }
}
