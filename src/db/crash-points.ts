// Test-only fault injection at the edge of durability, for the crash suite (test/crash). Never enabled in
// production (the configuration refuses it). Two kinds of fault:
//  - a kill: the process SIGKILLs itself right before or right after the Nth COMMIT of the write path, the
//    two instants where a bug in "acknowledged means durable" would show;
//  - the negative control: acknowledge writes BEFORE committing them (and commit a little later), the bug the
//    crash suite must catch — if the suite still passes with it, the harness is broken.

import type { CrashTestSettings } from '../config/config.js';

/** How long the negative control delays each COMMIT after acknowledging it: the window a kill falls into. */
export const EARLY_ACK_COMMIT_DELAY_MS = 300;

export class CrashPoints {
  private commits = 0;

  constructor(private readonly settings: CrashTestSettings) {}

  get acknowledgesBeforeCommit(): boolean {
    return this.settings.acknowledgeBeforeCommit;
  }

  /** Call right before COMMIT is sent. */
  beforeCommit(): void {
    this.commits++;
    if (this.settings.killAt === 'before-commit' && this.commits === this.settings.killOnCommit) die();
  }

  /** Call right after COMMIT returned, before anyone is answered. */
  afterCommit(): void {
    if (this.settings.killAt === 'after-commit' && this.commits === this.settings.killOnCommit) die();
  }
}

function die(): never {
  process.kill(process.pid, 'SIGKILL');
  // SIGKILL to oneself is delivered before kill() returns on Linux; this line is for the type checker.
  throw new Error('unreachable: SIGKILL');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
