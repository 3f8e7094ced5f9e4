// Ids for rows inserted at a high rate into tables that grow without bound (dossiers, their tasks, jobs,
// issued documents, attachments): UUID version 7 (RFC 9562 §5.7) — 48 bits of Unix milliseconds, then 74
// random bits. Still unguessable where it matters (the random part is 74 bits from the CSPRNG), and still a
// UUID to every schema and client; but consecutive inserts land next to each other in every index keyed by
// the id, instead of on a random leaf page each. With a million dossiers stored, random v4 keys made each
// insert dirty (and write to the WAL, and checkpoint) a different page of each such index.
import { randomFillSync } from 'node:crypto';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
/** Random bytes drawn from the CSPRNG a pool at a time (one call per 400 ids rather than one per id); each byte is used once. */
const POOL_IDS = 400;
const pool = Buffer.alloc(10 * POOL_IDS);
let used = POOL_IDS;

export function timeOrderedId(now: number = Date.now()): string {
  if (used === POOL_IDS) {
    randomFillSync(pool);
    used = 0;
  }
  const r = 10 * used++;
  // 48-bit big-endian millisecond timestamp: 12 hex digits.
  const time = Math.floor(now).toString(16).padStart(12, '0');
  const p = pool;
  return (
    `${time.slice(0, 8)}-${time.slice(8, 12)}-` +
    `${HEX[0x70 | (p[r]! & 0x0f)]}${HEX[p[r + 1]!]}-` + // version 7
    `${HEX[0x80 | (p[r + 2]! & 0x3f)]}${HEX[p[r + 3]!]}-` + // variant 10
    `${HEX[p[r + 4]!]}${HEX[p[r + 5]!]}${HEX[p[r + 6]!]}${HEX[p[r + 7]!]}${HEX[p[r + 8]!]}${HEX[p[r + 9]!]}`
  );
}
