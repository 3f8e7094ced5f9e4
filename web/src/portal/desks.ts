// The one-stop desks that receive a procedure: a commune procedure is received by the desks of its
// implementing communes; a province procedure by the province's Public Administration Service Centre.
import { api, unwrap, type components } from '../api/client';

type Version = components['schemas']['ProcedureVersion'];
export type Unit = components['schemas']['Unit'];

export async function loadDesks(version: Pick<Version, 'implementingUnitIds' | 'levels'>): Promise<Unit[]> {
  const [desks, provinces] = await Promise.all([
    unwrap(api.GET('/api/v1/units', { params: { query: { type: 'one_stop_desk', limit: 500, offset: 0 } } })),
    version.levels.includes('province') ? unwrap(api.GET('/api/v1/units', { params: { query: { type: 'province', limit: 500, offset: 0 } } })) : Promise.resolve({ items: [] as Unit[] }),
  ]);
  const implementing = new Set(version.implementingUnitIds);
  const provinceIds = new Set(provinces.items.map((u) => u.id));
  return desks.items.filter((d) => d.parentId !== null && (implementing.has(d.parentId) || provinceIds.has(d.parentId)));
}
