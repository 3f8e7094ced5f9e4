// Request and response schemas of the documents and attachments endpoints.
import { Type } from 'typebox';

const Uuid = Type.String({ format: 'uuid' });
const Instant = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const FormCodeSchema = Type.Enum(['01', '02', '03', '04', '05', '06', '07'] as const, { description: '01 receipt, 02 supplement request, 03 refusal, 04 apology, 05 stop notice, 06 control sheet, 07 register' });
export const DossierFormParams = Type.Object({ id: Uuid, form: Type.Enum(['01', '02', '03', '04', '05', '06'] as const, { description: '01–05: the latest issued form of that kind (signed copy); 06: the control sheet as it stands' }) }, { additionalProperties: false });
export const DossierAttachmentParams = Type.Object({ id: Uuid, attachmentId: Uuid }, { additionalProperties: false });
export const RegisterQuery = Type.Object({ unitId: Uuid, year: Type.Integer({ minimum: 2000, maximum: 2100 }) }, { additionalProperties: false });
export const UploadQuery = Type.Object({ kind: Type.Optional(Type.Enum(['upload', 'result'] as const, { description: 'result: an electronic result of the dossier' })) }, { additionalProperties: false });

export const Pdf = Type.String({ format: 'binary', description: 'application/pdf' });

export const IssuedDocumentResponse = Type.Object({
  id: Uuid,
  dossierId: Uuid,
  form: FormCodeSchema,
  title: Type.Object({ vi: Type.String(), en: Type.String() }),
  number: Type.String(),
  layout: Type.Integer(),
  issuedAt: Instant,
  signerName: Type.String(),
  attachmentId: Nullable(Uuid),
  unsignedSha256: Nullable(Type.String()),
});

export const IssuedDocumentListResponse = Type.Object({ items: Type.Array(IssuedDocumentResponse) });

export const AttachmentResponse = Type.Object({
  id: Uuid,
  fileName: Type.String(),
  mediaType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  kind: Type.String(),
  dossierId: Nullable(Uuid),
  createdAt: Instant,
});

export const AttachmentListResponse = Type.Object({ items: Type.Array(AttachmentResponse) });

const CertificateFields = { subject: Type.String(), serialNumber: Type.String(), notBefore: Instant, notAfter: Instant };

export const VerificationResponse = Type.Object({
  signed: Type.Boolean(),
  intact: Type.Boolean(),
  signatures: Type.Array(
    Type.Object({
      fieldName: Type.String(),
      signerName: Nullable(Type.String()),
      reason: Nullable(Type.String()),
      location: Nullable(Type.String()),
      signedAt: Nullable(Type.String()),
      certificate: Type.Object({ ...CertificateFields, issuer: Type.String(), selfSigned: Type.Boolean() }),
      digestMatches: Type.Boolean(),
      signatureValid: Type.Boolean(),
      coversWholeFile: Type.Boolean(),
      intact: Type.Boolean(),
    }),
  ),
});

export const CertificateBody = Type.Object(
  {
    pkcs12: Type.String({ minLength: 16, maxLength: 200_000, pattern: '^[A-Za-z0-9+/=\\s]+$', description: 'The PKCS#12 (.p12/.pfx) file, base64' }),
    passphrase: Type.String({ maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const CertificateResponse = Type.Object({ unitId: Uuid, ...CertificateFields });
export const CurrentCertificateResponse = Type.Object({ certificate: Nullable(Type.Object({ ...CertificateFields, isDevelopment: Type.Boolean() })) });
