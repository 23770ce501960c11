import { describe, expect, it } from 'vitest';
import {
  columnMedians,
  LOW_BASIS,
  SCORECARD_COLUMNS,
  sortAgents,
  standout,
} from '../../src/app/report/scorecard-model';
import type { AgentScorecard } from '../../src/metrics/report-types';
import { agent, durations, rates } from './support/blocks';

const column = (key: string) => SCORECARD_COLUMNS.find((candidate) => candidate.key === key)!;

describe('standout', () => {
  it('durations: one and a half times the median or more is worse, half or less is better', () => {
    expect(LOW_BASIS).toBe(10);
    expect(standout(column('frt'), 30, 10, 20)).toBe('worse');
    expect(standout(column('frt'), 29, 10, 20)).toBeNull();
    expect(standout(column('frt'), 10, 10, 20)).toBe('better');
    expect(standout(column('frt'), 11, 10, 20)).toBeNull();
    expect(standout(column('full_resolution'), 600, 50, 300)).toBe('worse');
  });

  it('only on ten tickets or more', () => {
    expect(standout(column('frt'), 100, LOW_BASIS - 1, 20)).toBeNull();
    expect(standout(column('frt'), 100, LOW_BASIS, 20)).toBe('worse');
  });

  it('never without a value, a median, or against a zero median for durations', () => {
    expect(standout(column('frt'), null, 20, 20)).toBeNull();
    expect(standout(column('frt'), 20, 20, null)).toBeNull();
    expect(standout(column('on_hold'), 30, 20, 0)).toBeNull();
  });

  it("rates: ten points or more away, in the column's own direction", () => {
    expect(standout(column('fcr'), 0.75, 20, 0.6)).toBe('better');
    expect(standout(column('fcr'), 0.45, 20, 0.6)).toBe('worse');
    expect(standout(column('fcr'), 0.65, 20, 0.6)).toBeNull();
    expect(standout(column('reopen'), 0.3, 20, 0.15)).toBe('worse');
    expect(standout(column('reopen'), 0.02, 20, 0.15)).toBe('better');
    expect(standout(column('csat'), 1, 20, 0.85)).toBe('better');
  });

  it('rates exactly ten points away stand out (7 of 10 against a median of 60%)', () => {
    // The legend says "rates: ten points"; 0.7 - 0.6 is 0.09999999999999998 in floating point.
    expect(standout(column('fcr'), 7 / 10, 20, 0.6)).toBe('better');
    expect(standout(column('csat'), 0.5, 20, 0.6)).toBe('worse');
  });

  it('never for columns where more is neither better nor worse, nor for counts', () => {
    expect(standout(column('created'), 100, 100, 10)).toBeNull();
    expect(standout(column('backlog'), 100, 100, 10)).toBeNull();
    expect(standout(column('solved'), 100, 100, 10)).toBeNull();
    expect(standout(column('replies_per_solved'), 9, 100, 1)).toBeNull();
  });
});

describe('sortAgents', () => {
  const names = new Map<number | null, string>([
    [1, 'Dana'],
    [2, 'Ana'],
    [3, 'Cy'],
    [4, 'Bo'],
    [null, 'Unassigned'],
  ]);
  const nameOf = (scorecard: AgentScorecard) => names.get(scorecard.id)!;
  const agents = [
    agent(1, 'Dana', { solved: 5, frt: { ...durations(30, 12), unreplied: 0 } }),
    agent(2, 'Ana', { solved: 9, frt: { ...durations(null, 0), unreplied: 0 } }),
    agent(3, 'Cy', { solved: 5, frt: { ...durations(10, 12), unreplied: 0 } }),
    agent(4, 'Bo', { solved: 0, frt: { ...durations(null, 0), unreplied: 0 } }),
    agent(null, null, { solved: 1, frt: { ...durations(60, 3), unreplied: 0 } }),
  ];
  const order = (sorted: AgentScorecard[]) => sorted.map(nameOf);

  it('by a column, descending or ascending, ties by name', () => {
    expect(order(sortAgents(agents, { key: 'solved', direction: 'desc' }, nameOf))).toEqual([
      'Ana',
      'Cy',
      'Dana',
      'Unassigned',
      'Bo',
    ]);
    expect(order(sortAgents(agents, { key: 'solved', direction: 'asc' }, nameOf))).toEqual([
      'Bo',
      'Unassigned',
      'Cy',
      'Dana',
      'Ana',
    ]);
  });

  it('puts missing values last whichever the direction', () => {
    expect(order(sortAgents(agents, { key: 'frt', direction: 'desc' }, nameOf))).toEqual([
      'Unassigned',
      'Dana',
      'Cy',
      'Ana',
      'Bo',
    ]);
    expect(order(sortAgents(agents, { key: 'frt', direction: 'asc' }, nameOf))).toEqual([
      'Cy',
      'Dana',
      'Unassigned',
      'Ana',
      'Bo',
    ]);
  });

  it('by name for the name column', () => {
    expect(order(sortAgents(agents, { key: 'name', direction: 'asc' }, nameOf))).toEqual([
      'Ana',
      'Bo',
      'Cy',
      'Dana',
      'Unassigned',
    ]);
    expect(order(sortAgents(agents, { key: 'name', direction: 'desc' }, nameOf))).toEqual([
      'Unassigned',
      'Dana',
      'Cy',
      'Bo',
      'Ana',
    ]);
  });

  it('does not reorder its input', () => {
    const before = agents.map((scorecard) => scorecard.id);
    sortAgents(agents, { key: 'frt', direction: 'asc' }, nameOf);
    expect(agents.map((scorecard) => scorecard.id)).toEqual(before);
  });
});

describe('columnMedians', () => {
  it("is the median of the assigned agents' values, leaving out missing values and the unassigned", () => {
    const medians = columnMedians([
      agent(1, 'a', { solved: 2, frt: { ...durations(10, 5), unreplied: 0 }, fcr: rates(1, 2) }),
      agent(2, 'b', { solved: 4, frt: { ...durations(30, 5), unreplied: 0 }, fcr: rates(0, 0) }),
      agent(3, 'c', { solved: 9, frt: { ...durations(null, 0), unreplied: 0 }, fcr: rates(3, 4) }),
      agent(null, null, { solved: 100, frt: { ...durations(1000, 50), unreplied: 0 }, fcr: rates(0, 10) }),
    ]);
    expect(medians.get('solved')).toBe(4);
    expect(medians.get('frt')).toBe(20);
    expect(medians.get('fcr')).toBe((0.5 + 0.75) / 2);
    expect(medians.get('csat')).toBeNull();
    expect([...medians.keys()]).toEqual(SCORECARD_COLUMNS.map((candidate) => candidate.key));
  });
});
