// Rule sets of the legal clock, in force from a date: a dossier is judged by the rules in force on the
// day it was received (LAW.md §0: rules belong in versioned sets with effective dates).
//
// Which pause rule and which reading of "on time" each legal text implies is an interpretation [I] to
// confirm with the customer: Decree 61/2018 Art. 19(4) restarts the time limit when the complete
// dossier is received; Decision 766/QĐ-TTg (23/6/2022) measures timeliness by subtracting the paused
// time and comparing the end of processing with the appointment instant.
import type { TimelinessRule } from './classify.js';
import type { PauseRule } from './due-date.js';

export interface ClockRuleSet {
  readonly id: string;
  readonly name: { readonly vi: string; readonly en: string };
  /** 'YYYY-MM-DD': dossiers received on or after this day. */
  readonly effectiveFrom: string;
  readonly pauseRule: PauseRule;
  readonly timelinessRule: TimelinessRule;
  /** Default cut-offs when a procedure case sets none: at the desk, and online (the last office hour). */
  readonly deskCutOff: string;
  readonly onlineCutOff: string;
}

export const CLOCK_RULE_SETS: readonly ClockRuleSet[] = [
  {
    id: 'decree-61-2018',
    name: { vi: 'Nghị định 61/2018/NĐ-CP', en: 'Decree 61/2018/NĐ-CP' },
    effectiveFrom: '2018-06-21',
    pauseRule: 'restart_from_zero',
    timelinessRule: 'by_day',
    deskCutOff: '15:00',
    onlineCutOff: '16:00',
  },
  {
    id: 'decision-766-2022',
    name: { vi: 'Nghị định 61/2018 và Quyết định 766/QĐ-TTg (đo lường thời hạn)', en: 'Decree 61/2018 with Decision 766/QĐ-TTg (timeliness measurement)' },
    effectiveFrom: '2022-06-23',
    pauseRule: 'subtract_paused_time',
    timelinessRule: 'by_instant',
    deskCutOff: '15:00',
    onlineCutOff: '16:00',
  },
  {
    id: 'decree-118-2025',
    name: { vi: 'Nghị định 118/2025/NĐ-CP', en: 'Decree 118/2025/NĐ-CP' },
    effectiveFrom: '2025-07-01',
    pauseRule: 'subtract_paused_time',
    timelinessRule: 'by_instant',
    deskCutOff: '15:00',
    onlineCutOff: '16:00',
  },
];

/** The rule set in force on a legal date, or undefined before the first one. */
export function ruleSetOn(date: string, ruleSets: readonly ClockRuleSet[] = CLOCK_RULE_SETS): ClockRuleSet | undefined {
  let found: ClockRuleSet | undefined;
  for (const ruleSet of ruleSets) if (ruleSet.effectiveFrom <= date && (!found || ruleSet.effectiveFrom > found.effectiveFrom)) found = ruleSet;
  return found;
}

export function ruleSetById(id: string, ruleSets: readonly ClockRuleSet[] = CLOCK_RULE_SETS): ClockRuleSet | undefined {
  return ruleSets.find((r) => r.id === id);
}
