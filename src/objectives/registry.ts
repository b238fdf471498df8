import { ackley } from './ackley';
import { beale } from './beale';
import { booth } from './booth';
import { goldsteinPrice } from './goldsteinPrice';
import { himmelblau } from './himmelblau';
import type { Objective } from './objective';
import { plateau } from './plateau';
import { rastrigin } from './rastrigin';
import { rosenbrock } from './rosenbrock';
import { saddle } from './saddle';
import { sphere } from './sphere';
import { styblinskiTang } from './styblinskiTang';

export type ObjectiveName =
  | 'sphere'
  | 'rosenbrock'
  | 'booth'
  | 'himmelblau'
  | 'rastrigin'
  | 'styblinski-tang'
  | 'ackley'
  | 'beale'
  | 'goldstein-price'
  | 'saddle'
  | 'plateau';
export const OBJECTIVES: Record<ObjectiveName, Objective> = {
  sphere,
  rosenbrock,
  booth,
  himmelblau,
  rastrigin,
  'styblinski-tang': styblinskiTang,
  ackley,
  beale,
  'goldstein-price': goldsteinPrice,
  saddle,
  plateau,
};
export const OBJECTIVE_NAMES = Object.keys(OBJECTIVES) as ObjectiveName[];
