// In-process benchmark of the legal clock: due-date computations per second for 15-working-day limits on
// the national calendar (target ≥ 200,000/s on one core), against plain Date arithmetic in the same run.
import { computeDueDate } from '../src/calendar/due-date.js';
import { nationalCalendar } from '../src/calendar/national-calendar.js';

export interface ClockFigure {
  readonly name: string;
  readonly description: string;
  readonly perSecond: number;
}

const MEASURE_MS = 3000;
const BASE = Date.parse('2024-01-01T00:00:00Z');
// Intake instants spread over 2024–2026 (every holiday list shipped), at any minute of the day.
const INSTANTS = Array.from({ length: 20_000 }, (_, i) => new Date(BASE + ((i * 7919) % (1000 * 24 * 60)) * 60_000));

function rate(body: (at: Date) => unknown): number {
  let sink = 0;
  for (let i = 0; i < 20_000; i++) sink ^= body(INSTANTS[i % INSTANTS.length]!) ? 1 : 0; // warm-up (JIT)
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < MEASURE_MS) {
    for (const at of INSTANTS) sink ^= body(at) ? 1 : 0;
    count += INSTANTS.length;
  }
  if (sink === 2) console.log(''); // keeps the results observable to the optimiser
  return count / ((performance.now() - started) / 1000);
}

export function measureLegalClock(): ClockFigure[] {
  const calendar = nationalCalendar();
  const duration = { amount: 15, unit: 'working_days' as const };
  return [
    {
      name: 'baseline-date-arithmetic',
      description: 'plain Date: 21 calendar days later, skipping nothing',
      perSecond: rate((at) => new Date(at.getTime() + 21 * 86_400_000).getUTCDate()),
    },
    { name: 'due-date-15-working-days', description: 'computeDueDate, 15 working days, national calendar, no trace', perSecond: rate((at) => computeDueDate(calendar, { receivedAt: at, duration }, { trace: false }).dueAt) },
    { name: 'due-date-15-working-days-traced', description: 'the same with the explanation trace', perSecond: rate((at) => computeDueDate(calendar, { receivedAt: at, duration }).dueAt) },
    {
      name: 'due-date-15-working-days-paused',
      description: 'the same, no trace, with a 2-day supplement pause',
      perSecond: rate((at) => computeDueDate(calendar, { receivedAt: at, duration, pauses: [{ from: new Date(at.getTime() + 86_400_000), to: new Date(at.getTime() + 3 * 86_400_000) }] }, { trace: false }).dueAt),
    },
  ];
}

export function legalClockMarkdown(figures: readonly ClockFigure[]): string {
  const baseline = figures[0]!.perSecond;
  const rows = figures.map((f) => `| ${f.name} | ${Math.round(f.perSecond).toLocaleString('en-US')} | ${(f.perSecond / baseline).toFixed(3)} | ${f.description} |`);
  const target = figures.find((f) => f.name === 'due-date-15-working-days')!;
  return [
    '',
    '### Legal clock (in process, one core)',
    '',
    '| Computation | per second | ratio to baseline | What |',
    '| --- | ---: | ---: | --- |',
    ...rows,
    '',
    `Target ≥ 200,000 due dates/s for 15-working-day limits: ${target.perSecond >= 200_000 ? 'met' : 'NOT met'} (${Math.round(target.perSecond).toLocaleString('en-US')}/s).`,
    '',
  ].join('\n');
}
