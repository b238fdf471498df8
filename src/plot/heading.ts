import type { TitleOptions } from 'chart.js';

/** Font sizes and gaps of a chart's title and the notes under it, by chart size. */
export interface HeadingSizes {
  title: number;
  note: number;
  /** Space under the title, and above the notes. */
  titleGap: number;
  noteGap: number;
}

/** Loss.png, Compare.png, Sensitivity.png: 1200 px wide. */
export const HEADING_1200: HeadingSizes = { title: 24, note: 15, titleGap: 14, noteGap: 18 };
/** Trajectory.png and the benchmark chart: 1600 px wide. */
export const HEADING_1600: HeadingSizes = { title: 30, note: 20, titleGap: 16, noteGap: 20 };

/**
 * Every chart's title, bold at the top, and its notes under the plot (what it shows and what it
 * does not): Chart.js's title and subtitle plugins.
 */
export function heading(
  title: string,
  notes: readonly string[],
  sizes: HeadingSizes = HEADING_1200,
): { title: Partial<TitleOptions>; subtitle: Partial<TitleOptions> } {
  return {
    title: {
      display: true,
      text: title,
      font: { size: sizes.title, weight: 'bold' },
      padding: { top: 0, bottom: sizes.titleGap },
    },
    subtitle: {
      display: notes.length > 0,
      text: [...notes],
      position: 'bottom',
      font: { size: sizes.note },
      padding: { top: sizes.noteGap, bottom: 0 },
    },
  };
}
