import type { AgentScorecard, MetricBlock } from '../../../src/metrics/report-types';

const summary = (median: number | null, n: number, p90: number | null = median) => ({ n, median, p90, mean: median });
const rate = (numerator: number, denominator: number) => ({
  rate: denominator === 0 ? null : numerator / denominator,
  numerator,
  denominator,
});

/** A MetricBlock with every value empty; tests set what they are about. */
export function block(overrides: Partial<MetricBlock> = {}): MetricBlock {
  return {
    created: 0,
    solved: 0,
    backlog: 0,
    frt: { ...summary(null, 0), unreplied: 0 },
    first_resolution: summary(null, 0),
    full_resolution: summary(null, 0),
    requester_wait: summary(null, 0),
    on_hold: summary(null, 0),
    fcr: rate(0, 0),
    one_touch: rate(0, 0),
    reopen: rate(0, 0),
    escalation: rate(0, 0),
    csat: { ...rate(0, 0), offered: 0 },
    replies_per_solved: null,
    ...overrides,
  };
}

export const durations = summary;
export const rates = rate;

export function agent(id: number | null, name: string | null, overrides: Partial<MetricBlock> = {}): AgentScorecard {
  return { id, name, ...block(overrides) };
}
