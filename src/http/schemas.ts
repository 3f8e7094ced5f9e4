// Schemas shared by every route: the error body and common parameters.
import { Type, type Static } from 'typebox';

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable SCREAMING_SNAKE code, e.g. VALIDATION_FAILED' }),
      message: Type.String({ description: 'Human message in Vietnamese or English (Accept-Language)' }),
      details: Type.Optional(Type.Unknown({ description: 'Structured details, e.g. the fields that failed validation' })),
    }),
  },
  { $id: 'ErrorResponse', title: 'Error' },
);
export type ErrorResponse = Static<typeof ErrorResponse>;

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid', description: 'Identifier (UUID)' }) }, { additionalProperties: false });

export const LegalDate = (description: string) =>
  Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: `${description} (YYYY-MM-DD, Vietnam time)` });

export const NoContent = Type.Null({ description: 'No content' });
