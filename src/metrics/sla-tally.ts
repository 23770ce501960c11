import type { SlaTarget } from './ticket-timeline';

/** SLA targets counted in one scorecard: achieved and breached per metric, and the ones still active. */
export interface SlaCounts {
  achieved: number;
  breached: number;
  rate: number | null;
}

/** `all` first, then one key per SLA metric that has a target counted in the window. */
export type SlaBlock = Record<string, SlaCounts>;

export class SlaTally {
  private readonly byMetric = new Map<string, { achieved: number; breached: number }>();
  private achieved = 0;
  private breached = 0;
  active = 0;

  /** Counts a target whose counting instant is in the window (achieved or breached). */
  count(target: SlaTarget): void {
    let counts = this.byMetric.get(target.metric);
    if (!counts) {
      counts = { achieved: 0, breached: 0 };
      this.byMetric.set(target.metric, counts);
    }
    if (target.state === 'achieved') {
      counts.achieved++;
      this.achieved++;
    } else {
      counts.breached++;
      this.breached++;
    }
  }

  isEmpty(): boolean {
    return this.achieved === 0 && this.breached === 0 && this.active === 0;
  }

  toBlock(): SlaBlock {
    const block: SlaBlock = { all: slaCounts(this.achieved, this.breached) };
    for (const metric of [...this.byMetric.keys()].sort()) {
      const counts = this.byMetric.get(metric)!;
      block[metric] = slaCounts(counts.achieved, counts.breached);
    }
    return block;
  }
}

function slaCounts(achieved: number, breached: number): SlaCounts {
  const total = achieved + breached;
  return { achieved, breached, rate: total === 0 ? null : achieved / total };
}
