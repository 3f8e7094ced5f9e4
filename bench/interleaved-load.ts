// Two servers measured under the same load in alternating slots, for a ratio between them that the machine's
// drift does not decide. The scale target compares intake on the 1,000,000-dossier fixture with intake on a
// fresh database; measured minutes apart, as two separate scenarios, the fresh database alone moved between
// 3,443 and 4,899 req/s across one day's runs (the machine's speed swings ±30%), and the ratio with it (0.79–1.30).
// Here both servers run at once (pinned to the same core; the idle one waits), each is warmed up, then the
// slots go A B B A A B B A: a linear drift weighs both sides equally, and each adjacent pair gives a ratio of
// its own, so the spread is visible next to the figure.
import { processCpuSeconds } from './process-cpu.js';
import { fire, settleDisk, type LoadTarget } from './load.js';
import type { BenchSettings } from './settings.js';

export interface SlotFigures extends RunFigures {
  readonly side: 'a' | 'b';
  /** The server process's CPU time during the slot (all threads), when its pid was given. */
  readonly cpuSeconds: number | null;
}

export interface SideFigures {
  /** Successes (2xx answers, or whole sequences) per second over all of this side's slots. */
  readonly perSecond: number;
  /** The median of the slots' p50. */
  readonly p50: number;
  /** The worst slot's p99. */
  readonly p99: number;
  readonly ok: number;
  readonly failed: number;
  /** Successes during the warm-up and the slots (to check against rows written). */
  readonly all2xx: number;
  readonly warmupProblems: number;
  /** The server's CPU per success over this side's slots (ms; null without a pid): tells work from waiting. */
  readonly cpuMsPerAnswer: number | null;
}

export interface InterleavedFigures {
  readonly a: SideFigures;
  readonly b: SideFigures;
  /** b's throughput over a's, over all slots. */
  readonly ratio: number;
  /** b over a in each adjacent pair of slots (A B, B A, …). */
  readonly pairRatios: readonly number[];
  readonly slots: readonly SlotFigures[];
}

/** The order of the slots: A B B A repeated, so that a drift in time weighs both sides alike. */
export function slotOrder(cycles: number): Array<'a' | 'b'> {
  return Array.from({ length: cycles }, () => ['a', 'b', 'b', 'a'] as const).flat();
}

/** Each adjacent pair's ratio b/a, from per-slot throughputs in slot order. */
export function pairRatios(slots: ReadonlyArray<Pick<SlotFigures, 'side' | 'seconds' | 'ok'>>): number[] {
  const ratios: number[] = [];
  for (let i = 0; i + 1 < slots.length; i += 2) {
    const [x, y] = [slots[i]!, slots[i + 1]!];
    const a = x.side === 'a' ? x : y;
    const b = x.side === 'b' ? x : y;
    if (a.side === b.side) throw new Error('a pair of slots must hold one slot of each side');
    ratios.push(b.ok / b.seconds / (a.ok / a.seconds));
  }
  return ratios;
}

function side(slots: readonly SlotFigures[], which: 'a' | 'b', warm: RunFigures | undefined): SideFigures {
  const mine = slots.filter((s) => s.side === which);
  const seconds = mine.reduce((sum, s) => sum + s.seconds, 0);
  const ok = mine.reduce((sum, s) => sum + s.ok, 0);
  const p50s = mine.map((s) => s.p50).sort((x, y) => x - y);
  const cpu = mine.every((s) => s.cpuSeconds !== null) ? mine.reduce((sum, s) => sum + s.cpuSeconds!, 0) : null;
  return {
    perSecond: seconds > 0 ? ok / seconds : 0,
    p50: p50s[Math.floor((p50s.length - 1) / 2)] ?? 0,
    p99: Math.max(0, ...mine.map((s) => s.p99)),
    ok,
    failed: mine.reduce((sum, s) => sum + s.failed, 0),
    all2xx: ok + (warm ? warm.ok : 0),
    warmupProblems: warm ? warm.failed : 0,
    cpuMsPerAnswer: cpu === null || ok === 0 ? null : (1000 * cpu) / ok,
  };
}

/** What one run of load on one side gave: its measured seconds, answers (or sequences) that succeeded, failures, latency. */
export interface RunFigures {
  readonly seconds: number;
  readonly ok: number;
  readonly failed: number;
  readonly p50: number;
  readonly p99: number;
}

/** One side of the comparison: a server (its pid, for its CPU time) and how to load it for some seconds. */
export interface LoadSide {
  readonly pid?: number;
  run(seconds: number): Promise<RunFigures>;
}

/** Single requests by autocannon (failures: non-2xx answers and connection errors, timeouts included). */
export function autocannonSide(target: LoadTarget, settings: BenchSettings, pid?: number): LoadSide {
  return {
    ...(pid === undefined ? {} : { pid }),
    async run(seconds) {
      const result = await fire(target, settings, seconds);
      return { seconds: result.duration, ok: result['2xx'], failed: result.non2xx + result.errors, p50: result.latency.p50, p99: result.latency.p99 };
    },
  };
}

/**
 * Warms both sides up (settings.warmupSeconds each), then measures `cycles` × A B B A slots of
 * settings.seconds / (2 × cycles) seconds each (at least 2 s), so each side gets settings.seconds in all.
 */
export async function measureInterleaved(a: LoadSide, b: LoadSide, settings: BenchSettings, cycles = 2, log: (text: string) => void = () => {}): Promise<InterleavedFigures> {
  settleDisk();
  const warmA = settings.warmupSeconds > 0 ? await a.run(settings.warmupSeconds) : undefined;
  const warmB = settings.warmupSeconds > 0 ? await b.run(settings.warmupSeconds) : undefined;
  const slotSeconds = Math.max(2, settings.seconds / (2 * cycles));
  const slots: SlotFigures[] = [];
  for (const which of slotOrder(cycles)) {
    const load = which === 'a' ? a : b;
    const cpuBefore = load.pid === undefined ? null : processCpuSeconds(load.pid);
    const result = await load.run(slotSeconds);
    const cpuAfter = load.pid === undefined ? null : processCpuSeconds(load.pid);
    const slot: SlotFigures = { side: which, ...result, cpuSeconds: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore };
    slots.push(slot);
    log(`${which.toUpperCase()} ${Math.round(slot.ok / slot.seconds)} `);
  }
  return summariseSlots(slots, warmA, warmB);
}

/** Both sides' figures and the ratios, from the slots in the order they ran. */
export function summariseSlots(slots: readonly SlotFigures[], warmA?: RunFigures, warmB?: RunFigures): InterleavedFigures {
  const a = side(slots, 'a', warmA);
  const b = side(slots, 'b', warmB);
  return { a, b, ratio: b.perSecond / a.perSecond, pairRatios: pairRatios(slots), slots };
}
