import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ruleSetOn } from './rule-sets.js';

it('judges a dossier by the rule set in force on the day it was received', () => {
  assert.equal(ruleSetOn('2018-06-20'), undefined);
  assert.equal(ruleSetOn('2019-09-30')?.id, 'decree-61-2018');
  assert.equal(ruleSetOn('2019-09-30')?.pauseRule, 'restart_from_zero');
  assert.equal(ruleSetOn('2022-06-23')?.id, 'decision-766-2022');
  assert.equal(ruleSetOn('2025-06-30')?.id, 'decision-766-2022');
  assert.equal(ruleSetOn('2025-07-01')?.id, 'decree-118-2025');
  assert.equal(ruleSetOn('2026-11-22')?.pauseRule, 'subtract_paused_time');
});
