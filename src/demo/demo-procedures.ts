// Demo procedure catalogue of An Giang province (data only; the entries live in the files beside this one).
// Names, steps, time limits, fees, components and legal bases follow the national procedure database and the
// laws cited, as they stand after the reforms of 2025; fees set by the provincial council are typical values.
// Codes have the national shape: 1.001193 (birth), 1.000894 (marriage) and 1.000656 (death registration) are
// the national codes; the others are illustrative. Implementing units are unit codes of demo-data.ts,
// resolved to ids at seed time. Current versions are in force from 01/07/2025; birth registration and the
// certified copy also have an earlier, superseded version (history).
import { COMMUNE_PROCEDURES } from './demo-procedures-commune.js';
import { FEATURED_PROCEDURES } from './demo-procedures-featured.js';
import { PROVINCE_PROCEDURES } from './demo-procedures-province.js';
import type { DemoProcedure } from './demo-procedure-parts.js';

export { DEMO_CATALOGUE_FROM, DEMO_PROCEDURES, type DemoProcedure } from './demo-procedure-parts.js';

export const DEMO_PROCEDURE_LIST: readonly DemoProcedure[] = [...FEATURED_PROCEDURES, ...COMMUNE_PROCEDURES, ...PROVINCE_PROCEDURES];
