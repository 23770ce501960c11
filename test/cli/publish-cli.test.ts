import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { startEmulator, type RunningEmulator } from '../../src/emulator/api-server';
import { credentialsFromEnv, FetchTransport } from '../../src/zendesk/node/fetch-transport';
import { RequestScheduler } from '../../src/zendesk/request-scheduler';
import { readTeamSummary } from '../../src/zendesk/team-summary-record';
import type { TeamSummary } from '../../src/metrics/team-summary';
import { adminOf, agentOf, API_TOKEN, clientClockOn, frozenClock, NOW, smallData } from '../emulator/support';

const { account, data } = smallData();
const ADMIN_ENV = { ZENDESK_EMAIL: adminOf(account).email, ZENDESK_API_TOKEN: API_TOKEN };
const AGENT_ENV = { ZENDESK_EMAIL: agentOf(account).email, ZENDESK_API_TOKEN: API_TOKEN };
/**
 * One Zendesk time for the local Zendesk and the CLI: the CLI's waits for the rate limits move it
 * on, so a pull that must wait a minute for the incremental exports limit does not take one.
 */
const zendeskTime = frozenClock();
const clock = clientClockOn(zendeskTime);

async function cli(argv: string[], env: Record<string, string>) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env,
    clock,
  });
  return { code, stdout, stderr };
}

function schedulerFor(url: string, env: Record<string, string>): RequestScheduler {
  return new RequestScheduler(new FetchTransport({ baseUrl: url, credentials: credentialsFromEnv(env) }));
}

describe('support-kpis publish', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ data, clock: zendeskTime, apiToken: API_TOKEN, port: 0 });
  });
  afterAll(() => emulator.close());

  it('publishes the summary as an admin, and an agent reads it in two requests', async () => {
    const run = await cli(['publish', '--url', emulator.url, '--no-cache', '--tz', 'America/New_York'], ADMIN_ENV);
    expect(run.stderr).toMatch(/published the team summary \(last7, last30; \d+ groups?\) to support_kpis_summary/);
    expect(run.stderr).toContain('creating the custom object');
    expect(run.code).toBe(0);

    const agent = schedulerFor(emulator.url, AGENT_ENV);
    const read = await readTeamSummary(agent);
    expect(read.state).toBe('found');
    expect(agent.requests).toBe(2);
    if (read.state !== 'found') return;
    expect(read.publishedBy).toBe(adminOf(account).id);
    expect(read.summary.time_zone).toBe('America/New_York');
    expect(Date.parse(read.summary.generated_at)).toBeGreaterThanOrEqual(NOW);
    const last30 = read.summary.periods.find((period) => period.key === 'last30')!;
    expect(last30.all.agents).toBeGreaterThanOrEqual(3);
    expect(last30.all.team?.solved).toBeGreaterThan(0);
    // No figure of one agent: no ids or names of people anywhere in it.
    expect(JSON.stringify(read.summary)).not.toMatch(/"(id|name|assignee_id|agent_id)"/);
  });

  it('prints the same summary with --dry-run, and publishing again updates the one record', async () => {
    const dry = await cli(
      ['publish', '--url', emulator.url, '--no-cache', '--tz', 'America/New_York', '--dry-run'],
      ADMIN_ENV,
    );
    expect(dry.code).toBe(0);
    const printed = JSON.parse(dry.stdout) as unknown;
    const again = await cli(['publish', '--url', emulator.url, '--no-cache', '--tz', 'America/New_York'], ADMIN_ENV);
    expect(again.code).toBe(0);
    expect(again.stderr).not.toContain('creating the custom object');
    const read = await readTeamSummary(schedulerFor(emulator.url, AGENT_ENV));
    // The account moves on with Zendesk time between the runs (the pulls waited for the rate
    // limits), so their figures may differ: the dry run is the same kind of document, and the
    // second publish replaced the one record rather than adding one.
    expect(read.state).toBe('found');
    const shape = (summary: unknown) => {
      const { format, time_zone, hours, min_agents, periods } = summary as TeamSummary;
      return { format, time_zone, hours, min_agents, keys: periods.map((period) => period.key) };
    };
    expect(shape(printed)).toEqual(shape(read.state === 'found' ? read.summary : null));
    const records = await fetch(`${emulator.url}/api/v2/custom_objects/support_kpis_summary/records.json`, {
      headers: {
        authorization: `Basic ${Buffer.from(`${ADMIN_ENV.ZENDESK_EMAIL}/token:${API_TOKEN}`).toString('base64')}`,
      },
    });
    expect(((await records.json()) as { custom_object_records: unknown[] }).custom_object_records).toHaveLength(1);
  });

  it('refuses an agent, who cannot read the team nor create the object', async () => {
    const run = await cli(['publish', '--url', emulator.url, '--no-cache'], AGENT_ENV);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("publish needs an admin's credentials");
  });

  it('does not trust a summary an agent overwrote', async () => {
    const agent = schedulerFor(emulator.url, AGENT_ENV);
    await agent.send({
      method: 'PATCH',
      path: '/api/v2/custom_objects/support_kpis_summary/records.json?external_id=team-summary',
      body: { custom_object_record: { custom_object_fields: { payload: '{"format":"forged"}' } } },
    });
    const read = await readTeamSummary(agent);
    expect(read).toEqual({
      state: 'invalid',
      reason: `the summary was last written by user ${agentOf(account).id}, who is not an admin`,
    });
  });

  it('checks its flags', async () => {
    expect((await cli(['publish'], ADMIN_ENV)).stderr).toContain('give --subdomain or --url');
    expect((await cli(['publish', '--url', emulator.url, '--tz', 'Mars/Base'], ADMIN_ENV)).code).toBe(2);
    expect((await cli(['publish', '--help'], ADMIN_ENV)).stdout).toContain('Usage: support-kpis publish');
  });
});

describe('publish and read without custom objects on the plan', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ data, clock: zendeskTime, apiToken: API_TOKEN, port: 0, customObjects: false });
  });
  afterAll(() => emulator.close());

  it('fails publish with what is missing, and the sidebar is told it is unavailable', async () => {
    const run = await cli(['publish', '--url', emulator.url, '--no-cache'], ADMIN_ENV);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('on a plan with custom objects');
    const read = await readTeamSummary(schedulerFor(emulator.url, AGENT_ENV));
    expect(read.state).toBe('unavailable');
  });

  it('reads none where nobody has published yet', async () => {
    const fresh = await startEmulator({ data, clock: zendeskTime, apiToken: API_TOKEN, port: 0 });
    try {
      expect(await readTeamSummary(schedulerFor(fresh.url, AGENT_ENV))).toEqual({ state: 'none' });
    } finally {
      await fresh.close();
    }
  });
});
