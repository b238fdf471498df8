import type { Lang } from '../config';
import { NUMPY_EDGE_ITEMS } from '../numpyPrintOptions';
import type { Row, RunHistory } from '../run/history';
import { formatNpArray, formatNpFloat64, formatNpSummary, npAround } from './numpyFormat';

/** The original rounds everything it prints to 3 decimals (`num = 3`). */
const DECIMALS = 3;

const LABELS: Record<Lang, { data: string; loss: string; grad: string; lr: string }> = {
  en: { data: 'data:', loss: 'loss:', grad: 'grad:', lr: 'lr:' },
  zh: { data: '数据:', loss: '损失函数:', grad: '梯度:', lr: '学习率:' },
};

/** The line between the original's two tables. */
export const TABLE_SEPARATOR = '-'.repeat(64);

const around = (values: readonly number[]): number[] => values.map((v) => npAround(v, DECIMALS));

/** A row's vector as NumPy prints it: whole, or (summarized rows) from the edge items it kept. */
function vector(values: readonly number[], summarized: boolean): string {
  const rounded = around(values);
  return summarized
    ? formatNpSummary(rounded.slice(0, NUMPY_EDGE_ITEMS), rounded.slice(NUMPY_EDGE_ITEMS))
    : formatNpArray(rounded);
}

/**
 * One row as the original's `print('%d.' % i, '数据:', arr, '\t损失函数:', loss, '\t梯度:', grad)`:
 * print joins its arguments with single spaces, so each tab has a space before it. With a
 * schedule, the step's learning rate comes last, as Python prints a float (not rounded: an lr of
 * 1e-4 would round to 0).
 */
export function formatRow(row: Row, lang: Lang, summarized = false, withLr = false): string {
  const labels = LABELS[lang];
  return [
    `${row.iteration}.`,
    labels.data,
    vector(row.x, summarized),
    `\t${labels.loss}`,
    formatNpFloat64(npAround(row.loss, DECIMALS)),
    `\t${labels.grad}`,
    vector(row.grad, summarized),
    ...(withLr ? [`\t${labels.lr}`, formatNpFloat64(row.lr)] : []),
  ].join(' ');
}

export function formatTable(history: Pick<RunHistory, 'rows' | 'summarized'>, lang: Lang, withLr = false): string[] {
  return history.rows.map((row) => formatRow(row, lang, history.summarized, withLr));
}
