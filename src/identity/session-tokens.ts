// Session tokens: 256 random bits in the cookie; only their SHA-256 is stored, so a database
// leak does not leak usable sessions.
import { hash, randomBytes } from 'node:crypto';

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** On every authenticated request: the one-shot `hash` (no Hash object per call, which cost several µs a request). */
export function hashSessionToken(token: string): string {
  return hash('sha256', token, 'base64url');
}
