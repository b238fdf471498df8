import type { Lang } from '../config';
import type { Row } from '../run/history';
import { formatNpArray, formatNpFloat64, npAround } from './numpyFormat';

/** The original rounds everything it prints to 3 decimals (`num = 3`). */
const DECIMALS = 3;

const LABELS: Record<Lang, { data: string; loss: string; grad: string }> = {
  en: { data: 'data:', loss: 'loss:', grad: 'grad:' },
  zh: { data: '数据:', loss: '损失函数:', grad: '梯度:' },
};

/** The line between the original's two tables. */
export const TABLE_SEPARATOR = '-'.repeat(64);

const around = (values: readonly number[]): number[] => values.map((v) => npAround(v, DECIMALS));

/**
 * One row as the original's `print('%d.' % i, '数据:', arr, '\t损失函数:', loss, '\t梯度:', grad)`:
 * print joins its arguments with single spaces, so each tab has a space before it.
 */
export function formatRow(row: Row, lang: Lang): string {
  const labels = LABELS[lang];
  return [
    `${row.iteration}.`,
    labels.data,
    formatNpArray(around(row.x)),
    `\t${labels.loss}`,
    formatNpFloat64(npAround(row.loss, DECIMALS)),
    `\t${labels.grad}`,
    formatNpArray(around(row.grad)),
  ].join(' ');
}

export function formatTable(rows: readonly Row[], lang: Lang): string[] {
  return rows.map((row) => formatRow(row, lang));
}
