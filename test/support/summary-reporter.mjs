// Prints the plain closing line CI reads: "N passed, N failed" (", N skipped" when any).
// Counts tests, not suites; a suite that fails by itself (a hook, a crash at import) counts as a failure.
export default async function* summaryReporter(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for await (const event of source) {
    const data = event.data ?? {};
    const isSuite = data.details?.type === 'suite';
    if (event.type === 'test:pass') {
      if (isSuite) continue;
      if (data.skip || data.todo) skipped++;
      else passed++;
    } else if (event.type === 'test:fail') {
      if (isSuite && data.details?.error?.failureType === 'subtestsFailed') continue;
      failed++;
    }
  }
  yield `\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`;
}
