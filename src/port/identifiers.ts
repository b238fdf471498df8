import type { PortChoice } from './choice';
import type { ClipPlan } from './clips';
import type { PortStatements } from './read';
import type { SchedulePlan } from './schedulers';

/**
 * The names the printed TypeScript gives what the Python names: the Python name where it is one
 * TypeScript can use, else the same with `_` appended (a JavaScript reserved word, or a name the
 * printed code itself uses: `tf`, the imported classes, the training step's locals).
 */
export interface Identifiers {
  optimizer: string;
  /** Each scheduler statement's, in order (an unnamed one is `scheduler`). */
  schedulers: readonly string[];
  /** The TypeScript name of a named scheduler, by its Python name. */
  schedulerNamed: ReadonlyMap<string, string>;
  /** By clip statement, the name its result is kept in (its Python target), or null. */
  clips: ReadonlyArray<string | null>;
}

const RESERVED = new Set(
  (
    'arguments await break case catch class const continue debugger default delete do else enum eval export extends ' +
    'false finally for function if implements import in instanceof interface let new null package private ' +
    'protected public return static super switch this throw true try typeof undefined var void while with yield ' +
    'Math Number Object Array Infinity NaN'
  ).split(' '),
);

/** Names the training-step sketch declares or imports. */
const SKETCH = ['tf', 'trainStep', 'loss', 'variables', 'value', 'grads', 'lossValue'];

export function identifiers(
  statements: PortStatements,
  choice: PortChoice,
  schedule: SchedulePlan | null,
  clips: readonly ClipPlan[],
): Identifiers {
  const taken = new Set([...SKETCH, 'clipGradNorm', 'clipGradValue']);
  if (choice.kind === 'library') taken.add(choice.className);
  for (const definition of schedule?.definitions ?? []) taken.add(definition.node.className);
  const used = new Set<string>();
  const name = (python: string): string => {
    let candidate = python;
    while (RESERVED.has(candidate) || taken.has(candidate) || used.has(candidate)) candidate += '_';
    used.add(candidate);
    return candidate;
  };
  const optimizer = name(statements.optimizer.target ?? 'optimizer');
  const definitions = schedule?.definitions ?? [];
  const schedulers = definitions.map((definition) => name(definition.name));
  const schedulerNamed = new Map<string, string>();
  definitions.forEach((definition, i) => {
    if (definition.statement.target !== null) schedulerNamed.set(definition.statement.target, schedulers[i]);
  });
  return {
    optimizer,
    schedulers,
    schedulerNamed,
    clips: clips.map((clip) => (clip.statement.target === null ? null : name(clip.statement.target))),
  };
}
