// Demo dossiers: on the first start of a development server, a few weeks of work at the demo desks —
// dossiers walked by the generator through the real services, from four weeks ago up to now — so that
// worklists, the public lookup, the control sheet and the reports show something real.
import { createServices } from '../composition.js';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import { addDays, vietnamDateOf } from '../time/clock.js';
import { generateDossiers, steppingClock } from './dossier-generator.js';

const WEEKS_BACK = 4;

export async function seedDemoDossiers(database: Database, config: Config, now: Date, count: number): Promise<void> {
  // 08:00 in Vietnam, four weeks ago: arrivals spread over three weeks, the last week settles.
  const start = new Date(`${addDays(vietnamDateOf(now), -7 * WEEKS_BACK)}T01:00:00.000Z`);
  const clock = steppingClock(start);
  const services = createServices(database, config, clock);
  const arrivalMinutes = Math.max(1, Math.floor(((WEEKS_BACK - 1) * 7 * 24 * 60) / count));
  await generateDossiers(services, { count, seed: 20261203, clock, arrivalMinutes, settleDays: 7, until: now });
}
