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

function randomTenBytes(): Buffer {
  if (used === POOL_IDS) {
    randomFillSync(pool);
    used = 0;
  }
  return pool.subarray(10 * used, 10 * ++used);
}

export function timeOrderedId(now: number = Date.now()): string {
  const random = randomTenBytes();
  const bytes = new Uint8Array(16);
  // 48-bit big-endian millisecond timestamp.
  let ms = now;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes.set(random, 6);
  bytes[6] = 0x70 | (bytes[6]! & 0x0f); // version 7
  bytes[8] = 0x80 | (bytes[8]! & 0x3f); // variant 10
  const h = Array.from(bytes, (b) => HEX[b]!);
  return `${h.slice(0, 4).join('')}-${h.slice(4, 6).join('')}-${h.slice(6, 8).join('')}-${h.slice(8, 10).join('')}-${h.slice(10, 16).join('')}`;
}
