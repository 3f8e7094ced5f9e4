// The architecture invariants (ARCHITECTURE.md) are enforced by lint; types by the compiler.
// Both run as part of `npm test`, so CI fails when either does.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { it } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function check(command: string, args: string[]): Promise<void> {
  try {
    await run(command, args, { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    assert.fail(`${command} ${args.join(' ')} failed:\n${stdout}\n${stderr}`);
  }
}

it('type-checks with the strict compiler settings', async () => {
  await check(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.']);
});

it('type-checks the web (browser code, its own settings)', async () => {
  await check(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'web']);
});

it('passes lint, including the dependency-direction rules', async () => {
  await check(process.execPath, ['node_modules/eslint/bin/eslint.js', '.', '--max-warnings=0']);
});
