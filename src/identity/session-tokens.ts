// Session tokens: 256 random bits in the cookie; only their SHA-256 is stored, so a database
// leak does not leak usable sessions.
import { createHash, randomBytes } from 'node:crypto';

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
