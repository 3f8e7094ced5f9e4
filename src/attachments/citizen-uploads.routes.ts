// HTTP adapter for a citizen's files in their own online dossier (X-Draft-Token): upload for a component
// of the procedure case (multipart, rate-limited like every upload), list, download, remove while the
// dossier is still theirs to change. Registered under /api/v1/public/dossiers.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { sendFile } from '../documents/documents.routes.js';
import { AttachmentResponse, DossierAttachmentParams, Pdf } from '../documents/documents.schemas.js';
import { IdParams, NoContent } from '../http/schemas.js';
import { attachmentView, receiveFile, registerMultipart, UPLOAD_DESCRIPTION } from './attachments.routes.js';
import type { CitizenFile, CitizenUploadsService } from './citizen-uploads.service.js';

const tags = ['public: dossiers'];
const TokenHeaders = Type.Object({ 'x-draft-token': Type.Optional(Type.String({ minLength: 10, maxLength: 100, description: 'The token returned when the draft was created' })) });
const ComponentQuery = Type.Object({ component: Type.String({ minLength: 1, maxLength: 80, description: 'Code of the component (thành phần hồ sơ) of the procedure case the file documents, e.g. TP1' }) }, { additionalProperties: false });
const CitizenFileResponse = Type.Object({ ...AttachmentResponse.properties, componentCode: Type.String({ description: 'The component the file documents' }) });
const CitizenFileList = Type.Object({ items: Type.Array(CitizenFileResponse) });

const view = (file: CitizenFile) => ({ ...attachmentView(file), componentCode: file.componentCode });

export function citizenUploadsRoutes(uploads: CitizenUploadsService, maxBytes: number) {
  return async function register(fastify: FastifyInstance): Promise<void> {
    await registerMultipart(fastify, maxBytes);
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

    app.post('/:id/attachments', {
      config: { cost: 'upload' },
      schema: {
        tags,
        summary: 'Upload a file for a component of one’s own dossier (X-Draft-Token), while it is a draft or returned for completion',
        description: `${UPLOAD_DESCRIPTION} Refused with DOSSIER_FILES_CLOSED once the dossier is submitted.`,
        headers: TokenHeaders,
        params: IdParams,
        querystring: ComponentQuery,
        consumes: ['multipart/form-data'],
        response: { 201: CitizenFileResponse },
      },
      handler: async (request, reply) => {
        const { id } = request.params;
        const file = await receiveFile(request, maxBytes, (open) => uploads.upload(id, request.headers['x-draft-token'], request.query.component, open));
        return reply.status(201).send(view(file));
      },
    });

    app.get('/:id/attachments', {
      schema: { tags, summary: 'The files one uploaded to one’s own dossier (X-Draft-Token), with the component each documents', headers: TokenHeaders, params: IdParams, response: { 200: CitizenFileList } },
      handler: async (request) => ({ items: (await uploads.list(request.params.id, request.headers['x-draft-token'])).map(view) }),
    });

    app.get('/:id/attachments/:attachmentId', {
      schema: { tags, summary: 'Download a file one uploaded to one’s own dossier (X-Draft-Token)', headers: TokenHeaders, params: DossierAttachmentParams, produces: ['application/octet-stream'], response: { 200: Pdf } },
      handler: async (request, reply) => {
        const file = await uploads.describe(request.params.id, request.headers['x-draft-token'], request.params.attachmentId);
        return sendFile(reply, await uploads.bytes(file), file.fileName, file.mediaType, 'attachment');
      },
    });

    app.delete('/:id/attachments/:attachmentId', {
      schema: { tags, summary: 'Remove a file from one’s own dossier (X-Draft-Token) while it is a draft or returned for completion', headers: TokenHeaders, params: DossierAttachmentParams, response: { 204: NoContent } },
      handler: async (request, reply) => {
        await uploads.remove(request.params.id, request.headers['x-draft-token'], request.params.attachmentId);
        return reply.status(204).send(null);
      },
    });
  };
}
