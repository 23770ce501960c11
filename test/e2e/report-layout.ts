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
