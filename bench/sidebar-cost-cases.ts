import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * For `npm run bench`: the sidebar's cost with a published team summary (sidebar-cost.ts, each
 * size in its own process), at 20k and 200k tickets, printed goal by goal with the figure measured.
 *
 * Both accounts have the local Zendesk's 30 staff. 200k tickets are seeded over ten times the
 * days of the 20k account, so each agent works as many tickets a month in both: a larger account
 * is one with more history (or, in life, more agents), not one whose 30 agents each solve ten
 * times as much. The cost the summary removes grows with the account's month; what is left grows
 * with the agent's own tickets, which is why the agents' spread is printed too.
 */

// Zendesk time runs `scale` times the wall clock; slower at 200k, where the local Zendesk (one
// process, searching 200k tickets per request) would otherwise fall behind 200 agents arriving.
const SIZES = [
  { tickets: 20_000, days: 120, scale: 10 },
  { tickets: 200_000, days: 1200, scale: 2 },
];
const GOALS = { coldRequests: 10, busiestMinuteShare: 0.1, firstNumberMs: 1500 };

export function sidebarCostCases(benchDir: string): Record<string, number | string>[] {
  const rows = SIZES.map(({ tickets, days, scale }) => {
    const output = execFileSync(
      process.execPath,
      [
        '--max-old-space-size=4096',
        '--import',
        'tsx',
        join(benchDir, 'sidebar-cost.ts'),
        String(tickets),
        String(days),
        String(scale),
      ],
      { encoding: 'utf8', timeout: 3_600_000, maxBuffer: 1 << 20 },
    );
    return JSON.parse(output.trim().split('\n').pop()!) as Record<string, number | string>;
  });
  const fmt = (value: number | string | undefined, digits = 0) =>
    Number(value).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
  console.log('\nSidebar with a published team summary (local Zendesk, enterprise plan, the app rate rules)');
  for (const row of rows) {
    const n = (key: string) => Number(row[key]);
    console.log(
      `  ${fmt(row['tickets'])} tickets over ${fmt(row['days'])} days, ${fmt(row['agents'])} agents (own tickets in 31 days: median ${fmt(row['ownTicketsMedian'])}, most ${fmt(row['ownTicketsMax'])}):\n` +
        `    cold sidebar requests (summary, own tickets, the opened ticket): median ${fmt(row['coldRequestsMedian'])}, most ${fmt(row['coldRequestsMax'])} ` +
        `(goal at most ${GOALS.coldRequests}: ${verdict(n('coldRequestsMax') <= GOALS.coldRequests)}); the most: ${String(row['coldRequestsMaxWhere'])}\n` +
        `    today's way (no summary: the account's 31 days): ${fmt(row['accountWayRequestsMedian'])} requests, ${fmt(row['accountWayTicketsMedian'])} tickets, first number ${fmt(row['accountWayFirstNumberMsMedian'])} ms\n` +
        `    ${fmt(row['arrivals'])} agents' first ticket within 10 minutes (${fmt(row['arrivalFailures'])} failed): ${fmt(row['arrivalRequests'])} requests, the busiest minute ${fmt(row['busiestMinuteRequests'])} ` +
        `= ${fmt(n('busiestMinuteShare') * 100, 1)}% of the ${fmt(row['accountLimitPerMinute'])} a minute (goal under ${GOALS.busiestMinuteShare * 100}%: ${verdict(n('busiestMinuteShare') < GOALS.busiestMinuteShare)}); ` +
        `of High Volume's 2,500: ${fmt((n('busiestMinuteRequests') / 2500) * 100, 1)}%\n` +
        `    first number cold (Node client, wall time): median ${fmt(row['firstNumberMsMedian'])} ms, worst ${fmt(row['firstNumberMsMax'])} ms ` +
        `(goal under ${GOALS.firstNumberMs}: ${verdict(n('firstNumberMsMax') < GOALS.firstNumberMs)})`,
    );
  }
  return rows;
}
