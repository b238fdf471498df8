import type { OptimizerDefinition, TakenFlag, Value } from '../../optimizers/optimizer';
import { element } from './dom';
import type { FlagText } from './pageState';
import { nearestStop, sliderLadder } from './sliderLadder';

/**
 * One optimizer's hyperparameters as the command line defines them (its flags, their domains and
 * TF.js-run defaults, from the OptimizerDefinition): a slider and the exact number beside it for
 * each number, two for a pair (β1, β2), a checkbox for a switch. The number box takes any value;
 * the command line's own parsing decides whether it is taken.
 */
export interface HyperparameterPanel {
  element: HTMLElement;
  /** Shows the values given (defaults for the rest). */
  sync(given: Readonly<Record<string, FlagText>>): void;
  /** Where each parameter's error goes, by its URL name (`adam.beta1`). */
  errors: Map<string, HTMLElement>;
}

/** A value changed: its flag text, or undefined for "the default". */
export type HyperparameterChange = (flag: string, text: FlagText | undefined) => void;

export interface PanelHandlers {
  change: HyperparameterChange;
  /** Every hyperparameter back to its default. */
  reset: () => void;
}

export function describeValue(value: Value | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'object' ? value.join(',') : String(value);
}

function idFor(optimizer: string, flag: string): string {
  return `hp-${optimizer.replace(/\./g, '-')}-${flag}`;
}

interface Field {
  sync(text: FlagText | undefined): void;
}

function slider(ladder: readonly number[], label: string, id: string): HTMLInputElement {
  return element('input', {
    type: 'range',
    id,
    min: 0,
    max: ladder.length - 1,
    step: 1,
    'aria-label': label,
  });
}

function placeSlider(input: HTMLInputElement, ladder: readonly number[], value: number): void {
  input.value = String(nearestStop(ladder, value));
  input.setAttribute('aria-valuetext', String(value));
}

function numberField(
  definition: OptimizerDefinition,
  flag: TakenFlag,
  onChange: HyperparameterChange,
  error: HTMLElement,
): { node: HTMLElement; field: Field } {
  const id = idFor(definition.name, flag.flag);
  const fallback = definition.defaults.tfjs[flag.key];
  const pair = flag.kind === 'pair';
  const defaults: number[] = pair ? [...(fallback as readonly [number, number])] : [fallback as number];
  const ladders = defaults.map((value) => sliderLadder(flag.domain, value));
  const names = pair ? ['β1', 'β2'] : [flag.flag];
  const sliders = ladders.map((ladder, i) => slider(ladder, `${definition.name} ${names[i]}`, `${id}-slider${i}`));
  const box = element('input', {
    type: 'text',
    id,
    inputmode: 'decimal',
    autocomplete: 'off',
    spellcheck: false,
    'aria-describedby': `${id}-error`,
    size: pair ? 11 : 9,
  });
  const numbers = (): number[] => box.value.split(',').map(Number);
  sliders.forEach((input, i) =>
    input.addEventListener('input', () => {
      const values = numbers();
      const next = pair ? [values[0] ?? defaults[0], values[1] ?? defaults[1]] : [0];
      next[i] = ladders[i][Number(input.value)];
      box.value = next.join(',');
      input.setAttribute('aria-valuetext', String(next[i]));
      onChange(flag.flag, box.value);
    }),
  );
  box.addEventListener('change', () => onChange(flag.flag, box.value.trim() === '' ? undefined : box.value.trim()));
  const words = flag.domain ? `; ${flag.domain.words}` : '';
  const node = element('div', { class: 'field' }, [
    element('label', { for: id }, [
      `${flag.meaning} `,
      element('code', {}, [`--${flag.flag}`]),
      element('span', { class: 'hint' }, [` (default ${describeValue(fallback)}${words})`]),
    ]),
    element('div', { class: 'slider-row' }, [
      ...sliders.flatMap((input, i) =>
        pair ? [element('span', { class: 'pair-name', 'aria-hidden': 'true' }, [names[i]]), input] : [input],
      ),
      box,
    ]),
    error,
  ]);
  error.id = `${id}-error`;
  return {
    node,
    field: {
      sync(text) {
        const shown = typeof text === 'string' ? text : describeValue(fallback);
        if (document.activeElement !== box) box.value = shown;
        const values = shown.split(',').map(Number);
        sliders.forEach((input, i) => placeSlider(input, ladders[i], values[i] ?? defaults[i]));
      },
    },
  };
}

function switchField(
  definition: OptimizerDefinition,
  flag: TakenFlag,
  onChange: HyperparameterChange,
  error: HTMLElement,
): { node: HTMLElement; field: Field } {
  const id = idFor(definition.name, flag.flag);
  const box = element('input', { type: 'checkbox', id, 'aria-describedby': `${id}-error` });
  box.addEventListener('change', () => onChange(flag.flag, box.checked ? true : undefined));
  error.id = `${id}-error`;
  const node = element('div', { class: 'field switch-field' }, [
    box,
    element('label', { for: id }, [`${flag.meaning} `, element('code', {}, [`--${flag.flag}`])]),
    error,
  ]);
  return { node, field: { sync: (text) => (box.checked = text === true) } };
}

export function hyperparameterPanel(
  definition: OptimizerDefinition,
  { change: onChange, reset: onReset }: PanelHandlers,
): HyperparameterPanel {
  const errors = new Map<string, HTMLElement>();
  const fields = new Map<string, Field>();
  const nodes = definition.flags.map((flag) => {
    const error = element('span', { class: 'field-error', 'aria-live': 'polite' });
    errors.set(`${definition.name}.${flag.flag}`, error);
    const { node, field } =
      flag.kind === 'boolean'
        ? switchField(definition, flag, onChange, error)
        : numberField(definition, flag, onChange, error);
    fields.set(flag.flag, field);
    return node;
  });
  const reset = element('button', { type: 'button', class: 'link' }, ['defaults']);
  reset.addEventListener('click', () => onReset());
  const panel = element('details', { class: 'optimizer-panel', open: true, 'data-optimizer': definition.name }, [
    element('summary', {}, [
      element('span', { class: 'swatch', style: `background:${definition.colour}`, 'aria-hidden': 'true' }),
      `${definition.title} `,
      element('code', {}, [definition.tfjsCall]),
    ]),
    ...nodes,
    reset,
  ]);
  return {
    element: panel,
    errors,
    sync(given) {
      for (const flag of definition.flags) fields.get(flag.flag)?.sync(given[flag.flag]);
    },
  };
}
