// Passwords are stored as argon2id hashes (OWASP parameters). Hashing runs in libuv's thread pool:
// never inside a write transaction.
import { hash, verify } from '@node-rs/argon2';

const ARGON2ID = 2;
const options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), options);
}

// Verifying against this when the user does not exist keeps the answer time the same (no user enumeration).
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  dummyHash ??= hashPassword('motcua-dummy-password');
  const target = passwordHash ?? (await dummyHash);
  try {
    const ok = await verify(target, password.normalize('NFC'));
    return ok && passwordHash !== undefined;
  } catch {
    return false;
  }
}
