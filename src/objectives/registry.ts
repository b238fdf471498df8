import type { Objective } from './objective';
import { sphere } from './sphere';

export type ObjectiveName = 'sphere';
export const OBJECTIVES: Record<ObjectiveName, Objective> = { sphere };
export const OBJECTIVE_NAMES = Object.keys(OBJECTIVES) as ObjectiveName[];
