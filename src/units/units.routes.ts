// HTTP adapter for units: schemas and one call into a service per route.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../errors/app-error.js';
import { authenticate, currentActor, requireActor } from '../http/authentication.js';
import { IdParams, NoContent } from '../http/schemas.js';
import type { UnitsImportService } from './units-import.service.js';
import {
  AsOfQuery,
  CreateUnitBody,
  ImportUnitsQuery,
  ImportUnitsResponse,
  ListUnitsQuery,
  MoveUnitBody,
  OfficeHoursHistoryResponse,
  ParentHistoryResponse,
  SubtreeResponse,
  UnitDetailResponse,
  UnitListResponse,
  UpdateUnitBody,
} from './units.schemas.js';
import type { UnitsService } from './units.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const security = [{ session: [] }];

export function unitsRoutes(units: UnitsService, unitsImport: UnitsImportService) {
  return async function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.addContentTypeParser(['text/csv', XLSX], { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

    app.get('', {
      schema: { tags: ['units'], summary: 'List units (public)', querystring: ListUnitsQuery, response: { 200: UnitListResponse } },
      handler: async (request) => {
        const { limit, offset, asOf, includeClosed, parentId, type, q } = request.query;
        const page = await units.listUnits({ limit, offset, includeClosed: includeClosed ?? false, ...(asOf ? { onDate: asOf } : {}), ...(parentId ? { parentId } : {}), ...(type ? { type } : {}), ...(q ? { query: q } : {}) });
        return { ...page, limit, offset };
      },
    });

    app.get('/:id', {
      schema: { tags: ['units'], summary: 'One unit (public), with what the signed-in user may do with it', params: IdParams, querystring: AsOfQuery, response: { 200: UnitDetailResponse } },
      handler: async (request) => units.getUnitForActor(await currentActor(request), request.params.id, request.query.asOf),
    });

    app.get('/:id/subtree', {
      schema: { tags: ['units'], summary: 'A unit and every unit below it, as the hierarchy stood on a date', params: IdParams, querystring: AsOfQuery, response: { 200: SubtreeResponse } },
      handler: async (request) => ({ items: await units.subtree(request.params.id, request.query.asOf) }),
    });

    app.get('/:id/office-hours', {
      schema: { tags: ['units'], summary: 'History of the office hours (each schedule with the day it starts)', params: IdParams, response: { 200: OfficeHoursHistoryResponse } },
      handler: async (request) => ({ items: await units.officeHoursHistory(request.params.id) }),
    });

    app.get('/:id/parents', {
      schema: { tags: ['units'], summary: 'History of the parent units', params: IdParams, response: { 200: ParentHistoryResponse } },
      handler: async (request) => ({ items: await units.parentHistory(request.params.id) }),
    });

    app.post('', {
      onRequest: authenticate,
      schema: { tags: ['units'], summary: 'Create a unit (administrators of the parent)', security, body: CreateUnitBody, response: { 201: Type.Ref('Unit') } },
      handler: async (request, reply) => {
        const actor = await requireActor(request);
        const unit = await units.createUnit(actor, request.body, { requestId: request.id });
        return reply.status(201).send(unit);
      },
    });

    app.patch('/:id', {
      onRequest: authenticate,
      schema: { tags: ['units'], summary: 'Update a unit, or close it (validTo, successorId)', security, params: IdParams, body: UpdateUnitBody, response: { 200: Type.Ref('Unit') } },
      handler: async (request) => {
        const actor = await requireActor(request);
        return units.updateUnit(actor, request.params.id, request.body, { requestId: request.id });
      },
    });

    app.delete('/:id', {
      onRequest: authenticate,
      schema: {
        tags: ['units'],
        summary: 'Delete a unit entered by mistake (administrators of its parent)',
        description: 'Refused with UNIT_IN_USE when sub-units, staff or other records refer to it: close a real unit with validTo and successorId instead, so its history stays.',
        security,
        params: IdParams,
        response: { 204: NoContent },
      },
      handler: async (request, reply) => {
        await units.deleteUnit(await requireActor(request), request.params.id, { requestId: request.id });
        return reply.status(204).send(null);
      },
    });

    app.post('/:id/move', {
      onRequest: authenticate,
      schema: { tags: ['units'], summary: 'Place a unit under another parent from a date on (history kept)', security, params: IdParams, body: MoveUnitBody, response: { 200: Type.Ref('Unit') } },
      handler: async (request) => {
        const actor = await requireActor(request);
        return units.moveUnit(actor, request.params.id, request.body, { requestId: request.id });
      },
    });

    app.post('/import', {
      onRequest: authenticate,
      schema: {
        tags: ['units'],
        summary: 'Import units from CSV or Excel (all rows or none)',
        description: `Send the file as the body with Content-Type text/csv or ${XLSX}. Columns: code, name, type, parentCode, shortName, address, phone, email, validFrom, validTo (Vietnamese headers accepted).`,
        security,
        querystring: ImportUnitsQuery,
        consumes: ['text/csv', XLSX],
        response: { 200: ImportUnitsResponse },
      },
      handler: async (request) => {
        const actor = await requireActor(request);
        if (!Buffer.isBuffer(request.body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
        const format = request.headers['content-type']?.startsWith('text/csv') ? 'csv' : 'xlsx';
        return unitsImport.importFile(actor, request.body, format, { dryRun: request.query.dryRun, requestId: request.id });
      },
    });
  };
}
