import { errorCatalogue, type ErrorCode } from './error-catalogue.js';

/**
 * The only error domain code throws on purpose. It carries a stable code from the catalogue and
 * optional structured details (never personal data, never internals); the HTTP layer turns it into
 * `{ error: { code, message, details } }` with the status of the catalogue.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
  ) {
    super(errorCatalogue[code].en);
    this.name = 'AppError';
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
