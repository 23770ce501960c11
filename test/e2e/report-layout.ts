import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { ARTIFACTS } from './support';

/** The layout screenshots' folder (one png per language, scheme and part of the report). */
export const LAYOUT_ARTIFACTS = join(ARTIFACTS, 'layout');

export function layoutShot(name: string): string {
  mkdirSync(LAYOUT_ARTIFACTS, { recursive: true });
  return join(LAYOUT_ARTIFACTS, `${name}.png`);
}

/**
 * What is wrong with the scorecard table's header as drawn: a header cell whose text is clipped
 * (its content wider than its box) or whose text box intersects another header's. Read in the
 * page from each cell's text (a Range over its contents), not from the cells' boxes, which never
 * overlap even when the text inside runs over.
 */
export async function headerProblems(frame: Frame): Promise<string[]> {
  return frame.evaluate(() => {
    const problems: string[] = [];
    const cells = [...document.querySelectorAll<HTMLElement>('.scorecard-table thead th')];
    if (cells.length === 0) return ['no scorecard header cells'];
    const boxes = cells.map((cell) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      return { name: (cell.textContent ?? '').trim(), rects: [...range.getClientRects()] };
    });
    for (const cell of cells) {
      // Garden's sortable header puts its text in a button: check both the cell and what it holds.
      for (const box of [cell, ...cell.querySelectorAll<HTMLElement>('*')]) {
        if (box.scrollWidth > box.clientWidth + 1 && box.clientWidth > 0)
          problems.push(`"${(cell.textContent ?? '').trim()}" clipped (${box.scrollWidth} > ${box.clientWidth})`);
      }
    }
    const intersects = (a: DOMRect, b: DOMRect) =>
      a.width > 0 &&
      b.width > 0 &&
      a.left < b.right - 1 &&
      b.left < a.right - 1 &&
      a.top < b.bottom - 1 &&
      b.top < a.bottom - 1;
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++)
        if (boxes[i]!.rects.some((a) => boxes[j]!.rects.some((b) => intersects(a, b))))
          problems.push(`"${boxes[i]!.name}" overlaps "${boxes[j]!.name}"`);
    return [...new Set(problems)];
  });
}

/**
 * Chart axis labels that run into each other or out of their chart: within each chart, the tick
 * labels' text boxes (one axis at a time) must not intersect, and none may stand outside the chart's
 * own box (a cut label, "240" for 2400).
 */
export async function axisLabelProblems(frame: Frame): Promise<string[]> {
  return frame.evaluate(() => {
    const problems: string[] = [];
    const charts = [...document.querySelectorAll<HTMLElement>('figure')].filter((figure) =>
      figure.querySelector('.recharts-surface'),
    );
    if (charts.length === 0) return ['no charts drawn'];
    for (const chart of charts) {
      const name = chart.id || (chart.querySelector('figcaption, h3')?.textContent ?? '?').trim();
      // The chart's visible box: the svg itself may be drawn wider than the box that shows it.
      const surface = (chart.querySelector('[role="img"]') ?? chart).getBoundingClientRect();
      for (const axis of chart.querySelectorAll('.recharts-cartesian-axis')) {
        const labels = [...axis.querySelectorAll<SVGTextElement>('.recharts-cartesian-axis-tick-value')]
          .map((text) => ({ text: (text.textContent ?? '').trim(), box: text.getBoundingClientRect() }))
          .filter((label) => label.text !== '' && label.box.width > 0);
        for (const label of labels)
          if (label.box.left < surface.left - 1 || label.box.right > surface.right + 1)
            problems.push(`${name}: "${label.text}" runs out of the chart`);
        for (let i = 0; i < labels.length; i++)
          for (let j = i + 1; j < labels.length; j++) {
            const a = labels[i]!.box;
            const b = labels[j]!.box;
            if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
              problems.push(`${name}: "${labels[i]!.text}" overlaps "${labels[j]!.text}"`);
          }
      }
    }
    return [...new Set(problems)];
  });
}
