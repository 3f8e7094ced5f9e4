// Pure edits of a draft process definition's body (stages → branches → steps): change, add, remove and
// reorder steps, add a stage or a parallel branch. The server checks the result (keys, shape, allotments).
import type { components } from '../../api/client';

export type Definition = components['schemas']['ProcessDefinition'];
export type Body = Definition['body'];
export type Stage = Body['stages'][number];
export type Branch = Stage['branches'][number];
export type Step = Branch['steps'][number];

/** Where a step is: stage, branch and step indexes. */
export interface StepAt {
  readonly stage: number;
  readonly branch: number;
  readonly step: number;
}

function mapBranch(body: Body, stage: number, branch: number, change: (b: Branch) => Branch): Body {
  return { stages: body.stages.map((s, si) => (si !== stage ? s : { ...s, branches: s.branches.map((b, bi) => (bi === branch ? change(b) : b)) })) };
}

/** A key not used yet by any stage, branch or step, e.g. buoc-3. */
function freshKey(body: Body, prefix: string): string {
  const used = new Set(body.stages.flatMap((s) => [s.key, ...s.branches.flatMap((b) => [b.key, ...b.steps.map((t) => t.key)])]));
  let n = 1;
  while (used.has(`${prefix}-${n}`)) n++;
  return `${prefix}-${n}`;
}

function newStep(body: Body, name: { vi: string; en: string }): Step {
  return { key: freshKey(body, 'buoc'), name, kind: 'process', role: 'specialist', unit: { kind: 'applicant_commune' }, allotment: { amount: 8, unit: 'working_hours' } };
}

export function changeStep(body: Body, at: StepAt, change: Partial<Step>): Body {
  return mapBranch(body, at.stage, at.branch, (b) => ({ ...b, steps: b.steps.map((s, i) => (i === at.step ? { ...s, ...change } : s)) }));
}

export function removeStep(body: Body, at: StepAt): Body {
  return mapBranch(body, at.stage, at.branch, (b) => ({ ...b, steps: b.steps.filter((_, i) => i !== at.step) }));
}

/** Moves a step one place up (-1) or down (+1) within its branch. */
export function moveStep(body: Body, at: StepAt, by: -1 | 1): Body {
  return mapBranch(body, at.stage, at.branch, (b) => {
    const to = at.step + by;
    if (to < 0 || to >= b.steps.length) return b;
    const steps = [...b.steps];
    [steps[at.step], steps[to]] = [steps[to]!, steps[at.step]!];
    return { ...b, steps };
  });
}

/** A new processing step at the end of a branch (before the return of the result when the branch ends with it). */
export function addStep(body: Body, stage: number, branch: number, name: { vi: string; en: string }): Body {
  const step = newStep(body, name);
  return mapBranch(body, stage, branch, (b) => {
    const last = b.steps[b.steps.length - 1];
    const at = last?.kind === 'return' ? b.steps.length - 1 : b.steps.length;
    return { ...b, steps: [...b.steps.slice(0, at), step, ...b.steps.slice(at)] };
  });
}

/** A parallel branch (not the lead) with one processing step, in a stage. */
export function addBranch(body: Body, stage: number, names: { branch: { vi: string; en: string }; step: { vi: string; en: string } }): Body {
  const branch: Branch = { key: freshKey(body, 'nhanh'), name: names.branch, lead: false, steps: [newStep(body, names.step)] };
  return { stages: body.stages.map((s, si) => (si === stage ? { ...s, branches: [...s.branches, branch] } : s)) };
}

export function removeBranch(body: Body, stage: number, branch: number): Body {
  return { stages: body.stages.map((s, si) => (si === stage ? { ...s, branches: s.branches.filter((_, bi) => bi !== branch) } : s)) };
}

/** A single-branch stage with one processing step, before the last stage (the return of the result). */
export function addStage(body: Body, names: { stage: { vi: string; en: string }; step: { vi: string; en: string } }): Body {
  const key = freshKey(body, 'giai-doan');
  const stage: Stage = { key, name: names.stage, branches: [{ key: 'main', name: names.stage, lead: true, steps: [newStep(body, names.step)] }] };
  const at = Math.max(0, body.stages.length - 1);
  return { stages: [...body.stages.slice(0, at), stage, ...body.stages.slice(at)] };
}

export function removeStage(body: Body, stage: number): Body {
  return { stages: body.stages.filter((_, si) => si !== stage) };
}

