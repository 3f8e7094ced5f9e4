// HTTP adapter for files: multipart uploads (alone, or to a dossier — electronic results), downloads by
// those allowed, and a dossier's list of files. Uploads stream straight into the content store.
import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../errors/app-error.js';
import { authenticate, requireActor } from '../http/authentication.js';
import { IdParams } from '../http/schemas.js';
import { AttachmentListResponse, AttachmentResponse, DossierAttachmentParams, Pdf, UploadQuery } from '../documents/documents.schemas.js';
import { sendFile } from '../documents/documents.routes.js';
import type { AttachmentRecord } from './attachments.repository.js';
import type { AttachmentsService } from './attachments.service.js';

const security = [{ session: [] }];
const tags = ['attachments'];

export function attachmentView(a: AttachmentRecord) {
  return { id: a.id, fileName: a.fileName, mediaType: a.mediaType, size: a.size, sha256: a.sha256, kind: a.kind, dossierId: a.dossierId, createdAt: a.createdAt };
}

export const UPLOAD_DESCRIPTION = 'multipart/form-data with one part "file". Accepted: PDF, JPEG, PNG, TIFF, DOCX, XLSX, ODT, recognised by their bytes (the name’s extension must agree); names without paths or control characters; at most UPLOAD_MAX_BYTES.';

/** Registers multipart parsing for a plugin's routes: one file part, at most `maxBytes`. */
export async function registerMultipart(fastify: FastifyInstance, maxBytes: number): Promise<void> {
  // preservePath: the name exactly as sent, so a path in it is refused rather than silently cut off.
  await fastify.register(multipart, { preservePath: true, limits: { fileSize: maxBytes, files: 1, fields: 0, parts: 1, headerPairs: 50 } } as Parameters<typeof multipart>[1]);
}

export type OpenFilePart = () => Promise<{ fileName: string; stream: Readable }>;

/**
 * Runs `use` with a function opening the request's one file part (field "file"); malformed multipart is
 * the client's fault, and a body over the limit is ATTACHMENT_TOO_LARGE.
 */
export async function receiveFile<T>(request: FastifyRequest, maxBytes: number, use: (open: OpenFilePart) => Promise<T>): Promise<T> {
  const open: OpenFilePart = async () => {
    if (!request.isMultipart()) throw new AppError('ATTACHMENT_MISSING_FILE');
    const part = await request.file();
    if (!part || part.fieldname !== 'file') throw new AppError('ATTACHMENT_MISSING_FILE');
    return { fileName: part.filename, stream: part.file };
  };
  try {
    return await use(open);
  } catch (error) {
    if (isAppError(error)) throw error;
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 413) throw new AppError('ATTACHMENT_TOO_LARGE', { maxBytes });
    throw new AppError('MALFORMED_REQUEST', { reason: 'the multipart body could not be read' });
  }
}

export function attachmentsRoutes(attachments: AttachmentsService, maxBytes: number) {
  return async function register(fastify: FastifyInstance): Promise<void> {
    await registerMultipart(fastify, maxBytes);
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.addHook('onRequest', authenticate);

    /** The one file part of the request, streamed to the service. */
    async function receive(request: FastifyRequest, dossierId: string | null, kind: 'upload' | 'result') {
      const actor = await requireActor(request);
      return receiveFile(request, maxBytes, async (open) => attachments.upload(actor, { ...(await open()), dossierId, kind }));
    }

    app.post('/attachments', {
      config: { cost: 'upload' },
      schema: { tags, summary: 'Upload a file (a scanned component before intake); cite its id in a dossier’s components', description: UPLOAD_DESCRIPTION, security, consumes: ['multipart/form-data'], response: { 201: AttachmentResponse } },
      handler: async (request, reply) => reply.status(201).send(attachmentView(await receive(request, null, 'upload'))),
    });

    app.get('/attachments/:id', {
      schema: { tags, summary: 'Download a file (its uploader, or those who may see its dossier)', security, params: IdParams, produces: ['application/octet-stream'], response: { 200: Pdf } },
      handler: async (request, reply) => {
        const record = await attachments.describe(await requireActor(request), request.params.id);
        return sendFile(reply, await attachments.bytes(record), record.fileName, record.mediaType, 'attachment');
      },
    });

    app.post('/dossiers/:id/attachments', {
      config: { cost: 'upload' },
      schema: { tags, summary: 'Attach a file to a dossier (kind=result for an electronic result), for those who may see it', description: UPLOAD_DESCRIPTION, security, params: IdParams, querystring: UploadQuery, consumes: ['multipart/form-data'], response: { 201: AttachmentResponse } },
      handler: async (request, reply) => reply.status(201).send(attachmentView(await receive(request, request.params.id, request.query.kind ?? 'upload'))),
    });

    app.get('/dossiers/:id/attachments', {
      schema: { tags, summary: 'The files of a dossier: its components’ scans, electronic results and the signed copies of its issued forms', security, params: IdParams, response: { 200: AttachmentListResponse } },
      handler: async (request) => ({ items: (await attachments.listForDossier(await requireActor(request), request.params.id)).map(attachmentView) }),
    });

    app.get('/dossiers/:id/attachments/:attachmentId', {
      schema: { tags, summary: 'Download a file of a dossier', security, params: DossierAttachmentParams, produces: ['application/octet-stream'], response: { 200: Pdf } },
      handler: async (request, reply) => {
        const record = await attachments.describeForDossier(await requireActor(request), request.params.id, request.params.attachmentId);
        return sendFile(reply, await attachments.bytes(record), record.fileName, record.mediaType, 'attachment');
      },
    });
  };
}
