import { booth } from './booth';
import { himmelblau } from './himmelblau';
import type { Objective } from './objective';
import { rosenbrock } from './rosenbrock';
import { sphere } from './sphere';

export type ObjectiveName = 'sphere' | 'rosenbrock' | 'booth' | 'himmelblau';
export const OBJECTIVES: Record<ObjectiveName, Objective> = { sphere, rosenbrock, booth, himmelblau };
export const OBJECTIVE_NAMES = Object.keys(OBJECTIVES) as ObjectiveName[];
