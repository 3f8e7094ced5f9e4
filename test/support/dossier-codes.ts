// Dossier codes as the law wants them: `<receiving unit>-YYMMDD-NNNN`, per unit and day numbered 1..n
// without gaps or repeats, and the counter row of that unit and day says n.
import { sql } from 'kysely';
import type { Database } from '../../src/db/database.js';

/** Codes `<unit>-YYMMDD-NNNN`: per unit and day the serials are exactly 1..n, and the counter row says n. */
export async function codeProblems(database: Database): Promise<string[]> {
  const codes = (await sql<{ code: string; receiving_unit_id: string }>`select code, receiving_unit_id from dossiers where code is not null`.execute(database.reader)).rows;
  const counters = (await sql<{ unit_id: string; day: string; last_nr: number }>`select unit_id, day, last_nr from dossier_code_counters`.execute(database.reader)).rows;
  const serials = new Map<string, number[]>();
  for (const { code, receiving_unit_id } of codes) {
    const match = /-(\d{6})-(\d{4,})$/.exec(code);
    if (!match) return [`a dossier code without the national shape: ${code}`];
    const key = `${receiving_unit_id}|${match[1]}`;
    serials.set(key, [...(serials.get(key) ?? []), Number(match[2])]);
  }
  const problems: string[] = [];
  for (const [key, list] of serials) {
    list.sort((a, b) => a - b);
    const gapFree = list.every((n, i) => n === i + 1);
    if (!gapFree) problems.push(`codes of ${key} are not 1..${list.length} without gaps or repeats`);
    const [unitId, yymmdd] = key.split('|');
    const day = `20${yymmdd!.slice(0, 2)}-${yymmdd!.slice(2, 4)}-${yymmdd!.slice(4, 6)}`;
    const counter = counters.find((c) => c.unit_id === unitId && c.day === day);
    if (Number(counter?.last_nr) !== list.length) problems.push(`the code counter of ${key} says ${counter?.last_nr} for ${list.length} codes`);
  }
  return problems;
}
