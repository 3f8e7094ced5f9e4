// HTTP adapter for official documents: a dossier's issued forms (list, signed copy, re-rendering from the
// snapshot, signature verification), printing the control sheet and a desk's register, and the units'
// signing certificates. One service call per route.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../errors/app-error.js';
import { authenticate, requireActor } from '../http/authentication.js';
import { IdParams } from '../http/schemas.js';
import type { IssuedDocument } from './documents.repository.js';
import {
  CertificateBody,
  CertificateResponse,
  CurrentCertificateResponse,
  DossierFormParams,
  IssuedDocumentListResponse,
  IssuedDocumentResponse,
  Pdf,
  RegisterQuery,
  VerificationResponse,
} from './documents.schemas.js';
import type { DocumentsService } from './documents.service.js';
import { FORM_TITLES } from './forms/form-types.js';
import type { SigningService } from './signing.service.js';

const security = [{ session: [] }];
const tags = ['documents'];

function view(doc: IssuedDocument) {
  return { id: doc.id, dossierId: doc.dossierId, form: doc.form, title: FORM_TITLES[doc.form], number: doc.number, layout: doc.layout, issuedAt: doc.issuedAt, signerName: doc.signerName, attachmentId: doc.attachmentId, unsignedSha256: doc.unsignedSha256 };
}

/** Inline by default (the browser's viewer prints it); the name in both forms for non-ASCII safety. */
export function sendFile(reply: FastifyReply, bytes: Buffer | NodeJS.ReadableStream, fileName: string, mediaType: string, disposition: 'inline' | 'attachment' = 'inline'): FastifyReply {
  const ascii = fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^A-Za-z0-9._-]/g, '_');
  return reply
    .type(mediaType)
    .header('content-disposition', `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(bytes as never);
}

export function documentsRoutes(documents: DocumentsService, signing: SigningService) {
  return async function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.addHook('onRequest', authenticate);

    app.get('/dossiers/:id/documents', {
      schema: { tags, summary: 'The official documents issued for a dossier (receipt, supplement requests, refusal, apology, stop notice), each with its signed copy', security, params: IdParams, response: { 200: IssuedDocumentListResponse } },
      handler: async (request) => ({ items: (await documents.list(await requireActor(request), request.params.id)).map(view) }),
    });

    app.get('/dossiers/:id/documents/:form', {
      schema: { tags, summary: 'Print a form of the dossier: 01–05 the latest issued one (signed copy), 06 the processing control sheet as it stands (signed for the printing officer)', security, params: DossierFormParams, produces: ['application/pdf'], response: { 200: Pdf } },
      handler: async (request, reply) => {
        const actor = await requireActor(request);
        const { id, form } = request.params;
        if (form === '06') {
          const pdf = await documents.controlSheet(actor, id);
          return sendFile(reply, pdf.bytes, pdf.fileName, 'application/pdf');
        }
        const issued = (await documents.list(actor, id)).filter((d) => d.form === form);
        const latest = issued[issued.length - 1];
        if (!latest) throw new AppError('DOCUMENT_NOT_APPLICABLE', { form });
        const pdf = await documents.signedCopy(actor, latest.id);
        return sendFile(reply, pdf.bytes, pdf.fileName, 'application/pdf');
      },
    });

    app.get('/documents/register', {
      schema: { tags, summary: 'Print a one-stop desk’s register of a year (form 07, A4): every dossier received, numbered from 1 without gaps', security, querystring: RegisterQuery, produces: ['application/pdf'], response: { 200: Pdf } },
      handler: async (request, reply) => {
        const pdf = await documents.register(await requireActor(request), request.query.unitId, request.query.year);
        return sendFile(reply, pdf.bytes, pdf.fileName, 'application/pdf');
      },
    });

    app.get('/documents/:id', {
      schema: { tags, summary: 'An issued document’s record', security, params: IdParams, response: { 200: IssuedDocumentResponse } },
      handler: async (request) => view(await documents.get(await requireActor(request), request.params.id)),
    });

    app.get('/documents/:id/pdf', {
      schema: { tags, summary: 'The signed copy of an issued document, as stored when it was issued', security, params: IdParams, produces: ['application/pdf'], response: { 200: Pdf } },
      handler: async (request, reply) => {
        const pdf = await documents.signedCopy(await requireActor(request), request.params.id);
        return sendFile(reply, pdf.bytes, pdf.fileName, 'application/pdf');
      },
    });

    app.get('/documents/:id/reprint', {
      schema: { tags, summary: 'The issued document rendered again from its data snapshot and layout version (unsigned); header X-Matches-Issued says whether the bytes equal the original rendering', security, params: IdParams, produces: ['application/pdf'], response: { 200: Pdf } },
      handler: async (request, reply) => {
        const pdf = await documents.rerender(await requireActor(request), request.params.id);
        reply.header('x-matches-issued', String(pdf.matchesIssued));
        return sendFile(reply, pdf.bytes, pdf.fileName, 'application/pdf');
      },
    });

    app.get('/documents/:id/verify', {
      schema: { tags, summary: 'Verify the signatures of an issued document’s stored copy: signer, time, certificate, integrity', security, params: IdParams, response: { 200: VerificationResponse } },
      handler: async (request) => {
        const report = await documents.verify(await requireActor(request), request.params.id);
        return { ...report, signatures: [...report.signatures] };
      },
    });

    app.get('/units/:id/signing-certificate', {
      schema: { tags, summary: 'The unit’s signing certificate in use (null: none of its own)', security, params: IdParams, response: { 200: CurrentCertificateResponse } },
      handler: async (request) => {
        await requireActor(request);
        return { certificate: await signing.certificateOf(request.params.id) };
      },
    });

    app.put('/units/:id/signing-certificate', {
      schema: { tags, summary: 'Install the unit’s signing certificate (PKCS#12, administrators of the unit); stored sealed, the newest one signs', security, params: IdParams, body: CertificateBody, response: { 200: CertificateResponse } },
      handler: async (request) => signing.uploadCertificate(await requireActor(request), request.params.id, Buffer.from(request.body.pkcs12, 'base64'), request.body.passphrase),
    });
  };
}
