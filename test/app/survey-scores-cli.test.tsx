// @vitest-environment jsdom
import './support/jsdom-setup';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppProviders } from '../../src/app/components/app-context';
import { readSettings } from '../../src/app/app-settings';
import { createFormatters } from '../../src/app/i18n/formatters';
import { npsScoreText, NPS_GROUPS } from '../../src/app/report/survey-scores-section';
import { VoiceOfCustomer } from '../../src/app/report/voice-of-customer';
import { dataNow } from '../../src/app/report/work-views-model';
import { runCli } from '../../src/cli/main';
import { startEmulator, type RunningEmulator } from '../../src/emulator/api-server';
import { SimulatedAccountData } from '../../src/emulator/simulated-account-data';
import { computeReport } from '../../src/metrics/compute-report';
import type { Report } from '../../src/metrics/report-types';
import { ReportWindow } from '../../src/metrics/report-window';
import { surveyFieldIds } from '../../src/metrics/survey-scores';
import { pullAccount } from '../../src/zendesk/account-pull';
import { credentialsFromEnv, FetchTransport } from '../../src/zendesk/node/fetch-transport';
import { RequestScheduler } from '../../src/zendesk/request-scheduler';
import { userNames } from '../../src/zendesk/response-dataset';
import { adminOf, API_TOKEN, clientClockOn, frozenClock, smallAccount } from '../emulator/support';

/**
 * The check of the survey section: for the local Zendesk's seeded account, the numbers
 * the report shows (read by the app's pull, with the settings the demo installs) are the CLI's
 * JSON for the same account, period and fields.
 */

const account = smallAccount(5);
const data = new SimulatedAccountData(account);
const ENV = { ZENDESK_EMAIL: adminOf(account).email, ZENDESK_API_TOKEN: API_TOKEN };
const FROM = '2026-10-24';
const TO = '2026-11-22';
const zendeskTime = frozenClock();
const clock = clientClockOn(zendeskTime);
const format = createFormatters('en-US');
const count = (value: number) => format.number(value, 0);

describe("the NPS and CES section shows the CLI's numbers for the local Zendesk's account", () => {
  let emulator: RunningEmulator;
  let cli: Pick<Report, 'nps' | 'ces'>;
  let app: Report;
  let names: Map<number, string>;
  let settings: ReturnType<typeof readSettings>;

  beforeAll(async () => {
    emulator = await startEmulator({ data, clock: zendeskTime, apiToken: API_TOKEN, port: 0 });
    // The app's settings as the demo installs them, read as the app reads them.
    settings = readSettings(data.appSettings());
    const { npsFieldId, cesFieldId } = settings.surveys;
    let stdout = '';
    let stderr = '';
    const code = await runCli(
      [
        'report',
        ...['--url', emulator.url, '--from', FROM, '--to', TO, '--tz', 'UTC', '--format', 'json', '--no-cache'],
        ...['--nps-field', String(npsFieldId), '--ces-field', String(cesFieldId)],
      ],
      { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), env: ENV, clock },
    );
    expect(code, stderr).toBe(0);
    cli = JSON.parse(stdout) as Pick<Report, 'nps' | 'ces'>;

    const pulled = await pullAccount({
      scheduler: new RequestScheduler(
        new FetchTransport({ baseUrl: emulator.url, credentials: credentialsFromEnv(ENV) }),
        { clock },
      ),
      mode: 'admin',
      streams: [],
      clock,
      fieldIds: surveyFieldIds(settings.surveys),
    });
    names = userNames(pulled.dataset.users);
    const now = dataNow(pulled.dataset.tickets);
    app = computeReport(pulled.dataset.tickets, {
      window: ReportWindow.of(FROM, TO, 'UTC'),
      escalation: settings.escalation,
      agentNames: names,
      surveys: settings.surveys,
      extras: true,
      voice: true,
      ...(now === null ? {} : { now }),
    });
  }, 120_000);

  afterAll(async () => {
    cleanup();
    await emulator?.close();
  });

  it('shows the team, every agent and every bucket as the CLI counts them', () => {
    const nps = cli.nps!;
    const ces = cli.ces!;
    expect(nps.team.n, 'the seeded account has NPS answers in the period').toBeGreaterThan(20);
    expect(ces.team.n).toBeGreaterThan(10);
    expect(app.nps).toEqual(nps);
    expect(app.ces).toEqual(ces);

    const nameOf = (id: number | null) => (id === null ? 'Unassigned' : (names.get(id) ?? `#${id}`));
    render(
      <AppProviders zendeskLocale="en-US" colorScheme="light">
        <VoiceOfCustomer
          report={app}
          tickets={[]}
          options={{ window: ReportWindow.of(FROM, TO, 'UTC'), surveys: settings.surveys }}
          visible="all"
          canSetSettings
          today={TO}
          timeZone="UTC"
          nameOf={nameOf}
          onOpenTicket={() => {}}
        />
      </AppProviders>,
    );
    const text = (testId: string) => screen.getByTestId(testId).textContent;
    expect(text('survey-nps-score')).toBe(npsScoreText(nps.team.score, 'en-US'));
    expect(text('survey-nps-n')).toBe(count(nps.team.n));
    for (const group of NPS_GROUPS) {
      expect(text(`survey-nps-${group}`), group).toBe(count(nps.team[group]));
      expect(text(`survey-nps-${group}-share`), group).toBe(format.percent(nps.team[group] / nps.team.n));
    }
    expect(text('survey-ces-mean')).toBe(format.number(ces.team.mean, 1));
    expect(text('survey-ces-n')).toBe(count(ces.team.n));
    ces.team.distribution.forEach((value, index) =>
      expect(text(`survey-ces-${ces.scale[0] + index}`)).toBe(count(value)),
    );
    if (nps.invalid > 0) expect(screen.getByTestId('survey-nps-invalid')).toBeTruthy();

    const agentIds = [...new Set([...nps.agents, ...ces.agents].map((agent) => agent.id))];
    const rows = within(screen.getByTestId('survey-agents')).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.querySelector('th')!.textContent)).toEqual(agentIds.map(nameOf));
    rows.forEach((row, index) => {
      const id = agentIds[index]!;
      const ofNps = nps.agents.find((agent) => agent.id === id);
      const ofCes = ces.agents.find((agent) => agent.id === id);
      expect(
        [...row.querySelectorAll('td')].map((cell) => cell.textContent),
        nameOf(id),
      ).toEqual([
        npsScoreText(ofNps?.score ?? null, 'en-US'),
        ...NPS_GROUPS.map((group) => count(ofNps?.[group] ?? 0)),
        count(ofNps?.n ?? 0),
        format.number(ofCes?.mean ?? null, 1),
        count(ofCes?.n ?? 0),
      ]);
    });

    const trend = within(screen.getByTestId('survey-trend')).getAllByRole('row').slice(1);
    expect(trend).toHaveLength(nps.trend.length);
    trend.forEach((row, index) =>
      expect([...row.querySelectorAll('td')].map((cell) => cell.textContent)).toEqual([
        npsScoreText(nps.trend[index]!.score, 'en-US'),
        count(nps.trend[index]!.n),
        format.number(ces.trend[index]!.mean, 1),
        count(ces.trend[index]!.n),
      ]),
    );
  });
});
