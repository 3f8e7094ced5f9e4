import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { definitionProblems, locateStep, nextInBranch, openingSteps, stageHours, stepsToReturnTo, totalHours, type LegalLimit } from './process-definition.js';
import { landAndTaxProcess, limitHours, standardProcess } from './templates.js';

const tenDays: LegalLimit = { amount: 10, unit: 'working_days', noAppointmentDate: false };

describe('process definitions', () => {
  it('accepts the land-and-tax route: parallel branches count once, by the longest', () => {
    const body = landAndTaxProcess('000.01.12.H01', '000.00.31.H01');
    assert.equal(stageHours(body.stages[1]!), 40);
    assert.equal(totalHours(body), 80);
    assert.deepEqual(definitionProblems(body, tenDays), []);
  });

  it('refuses allotments that do not add up to the legal limit, naming both figures', () => {
    const body = landAndTaxProcess('000.01.12.H01', '000.00.31.H01');
    const problems = definitionProblems(body, { amount: 12, unit: 'working_days', noAppointmentDate: false });
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /add up to 80 working hours; the legal limit is 96/);
    assert.deepEqual({ code: problems[0]!.code, params: problems[0]!.params }, { code: 'ALLOTMENTS_MISMATCH', params: { hours: 80, limitHours: 96 } }, 'a stable code and the numbers, for clients to word it');
    assert.deepEqual(definitionProblems(body, { amount: 10, unit: 'working_days', noAppointmentDate: true }), [], 'no appointment date: no sum to match');
  });

  it('refuses a shape the dossier engine cannot run', () => {
    const body = landAndTaxProcess('000.01.12.H01', '000.00.31.H01');
    const twoLeads = { stages: body.stages.map((s, i) => (i === 1 ? { ...s, branches: s.branches.map((b) => ({ ...b, lead: true })) } : s)) };
    assert.ok(definitionProblems(twoLeads, tenDays).some((p) => /exactly one lead/.test(p.message)));
    const noDecision = { stages: body.stages.filter((s) => s.key !== 'decision') };
    assert.ok(definitionProblems(noDecision, null).some((p) => /exactly one decision step \(found 0\)/.test(p.message)));
    const returnFirst = { stages: [...body.stages].reverse() };
    const messages = definitionProblems(returnFirst, null).map((p) => p.message).join('\n');
    assert.match(messages, /only the first step is the intake/);
    assert.match(messages, /only the last step is the return/);
    const duplicateKey = { stages: body.stages.map((s, i) => (i === 2 ? { ...s, branches: [{ ...s.branches[0]!, steps: s.branches[0]!.steps.map((st) => ({ ...st, key: 'land-appraise' })) }] } : s)) };
    assert.ok(definitionProblems(duplicateKey, null).some((p) => /used twice/.test(p.message)));
  });

  it('navigates: opening steps of a parallel stage, next in branch, steps to send back to', () => {
    const body = landAndTaxProcess('L', 'T');
    assert.deepEqual(openingSteps(body, 1).map((p) => p.step.key), ['land-appraise', 'tax-assess']);
    const approve = locateStep(body, 'land-approve')!;
    assert.equal(nextInBranch(body, approve)?.step.key, 'land-records');
    assert.equal(nextInBranch(body, locateStep(body, 'land-records')!), undefined);
    assert.deepEqual(stepsToReturnTo(body, 'land-records'), ['land-approve']);
    assert.deepEqual(stepsToReturnTo(body, 'tax-assess'), [], 'a parallel branch sends back only within itself');
    assert.deepEqual(stepsToReturnTo(standardProcess(tenDays, { kind: 'applicant_commune' }), 'return'), ['appraise', 'approve']);
  });

  it('the standard template fits every limit of at least 4 working hours exactly (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 4, max: 2000 }), fc.constantFrom('working_hours' as const, 'working_days' as const), (amount, unit) => {
        const limit: LegalLimit = { amount, unit, noAppointmentDate: false };
        const body = standardProcess(limit, { kind: 'applicant_commune' });
        assert.equal(totalHours(body), limitHours(limit));
        assert.deepEqual(definitionProblems(body, limit), []);
      }),
    );
  });
});
