import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readInputFiles } from '../zendesk/node/saved-response-files';
import { startEmulator, oauthTokenFor, type RunningEmulator } from './api-server';
import type { AccountData } from './account-data';
import { EmulatorClock } from './emulator-clock';
import { FaultInjector, parseFaultFlag } from './faults';
import { PLAN_LIMITS, type Plan } from './rate-limits';
import { SavedAccountData } from './saved-account-data';
import { seedAccount } from './seed-account';
import { SimulatedAccountData } from './simulated-account-data';
import { startWorkspace } from './workspace/workspace-routes';
import { SURVEY_FIELDS } from './survey-fields';

/** `npm start`: the local Zendesk. Flags are documented in HELP and in the README. */

export const EMULATOR_HELP = `Usage: npm start -- [options]   (or: npx tsx src/emulator/main.ts [options])

Runs a local Zendesk: the REST API the app and the CLI use, with seeded, realistic data, and an
agent workspace at /agent/ that runs the built app in its ticket sidebar and nav bar.

Options:
  --port N             port on 127.0.0.1 (default 4567; 0 picks a free one)
  --seed N             seed of the simulated account (default 1)
  --tickets N          tickets created over the history (default 20000)
  --days N             days of history before now (default 120)
  --now ISO            the emulator's start time (default: now, to the minute)
  --time-scale N       Zendesk minutes per real minute (default 1; 60 makes a minute a second)
  --plan NAME          rate-limit plan: ${Object.entries(PLAN_LIMITS)
    .map(([name, limit]) => `${name} (${limit}/min)`)
    .join(', ')}
                       (default enterprise); incremental exports 10/min, search export 100/min
  --api-token TOKEN    the API token for Basic auth (default: emulator-token)
  --data DIR           serve saved responses (the --input format) instead of a simulated account
  --fault SPEC         inject faults, e.g. incremental:error=0.2,latency=300 or all:429=5
                       (keys: latency, error, 429, retry-after, truncate, hang, expire-cursor); repeatable
  --app-dir DIR        the built app the agent workspace runs (default dist/assets)
  --app-port N         port of the app's own origin, http://127.0.0.1:N (default: --port + 1;
                       a free one when --port is 0)
  -h, --help           show this help`;

export interface EmulatorConfig {
  port: number;
  seed: number;
  tickets: number;
  days: number;
  now: number;
  timeScale: number;
  plan: Plan;
  apiToken: string;
  data: string | null;
  faults: string[];
  /** The built app for the agent workspace; undefined means `dist/assets`. */
  appDir?: string;
  /** Port of the app's origin; undefined means the API's port + 1 (a free one with port 0). */
  appPort?: number;
}

export function parseEmulatorArgs(argv: readonly string[], wallNow = Date.now()): EmulatorConfig | null {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      seed: { type: 'string' },
      tickets: { type: 'string' },
      days: { type: 'string' },
      now: { type: 'string' },
      'time-scale': { type: 'string' },
      plan: { type: 'string' },
      'api-token': { type: 'string' },
      data: { type: 'string' },
      fault: { type: 'string', multiple: true },
      'app-dir': { type: 'string' },
      'app-port': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return null;
  const whole = (flag: string, raw: string | undefined, fallback: number, min: number, max: number) => {
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max)
      throw new Error(`--${flag} must be a whole number from ${min} to ${max}`);
    return value;
  };
  const now = values.now === undefined ? Math.floor(wallNow / 60_000) * 60_000 : Date.parse(values.now);
  if (Number.isNaN(now)) throw new Error(`--now: "${values.now}" is not an ISO 8601 time`);
  const scale = values['time-scale'] === undefined ? 1 : Number(values['time-scale']);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 100_000)
    throw new Error('--time-scale must be a number above 0 and at most 100000');
  const plan = (values.plan ?? 'enterprise') as Plan;
  if (!(plan in PLAN_LIMITS)) throw new Error(`--plan must be one of ${Object.keys(PLAN_LIMITS).join(', ')}`);
  const faults = values.fault ?? [];
  for (const spec of faults) parseFaultFlag(spec);
  return {
    port: whole('port', values.port, 4567, 0, 65_535),
    seed: whole('seed', values.seed, 1, 0, 2 ** 31),
    tickets: whole('tickets', values.tickets, 20_000, 1, 2_000_000),
    days: whole('days', values.days, 120, 1, 3650),
    now,
    timeScale: scale,
    plan,
    apiToken: values['api-token'] ?? 'emulator-token',
    data: values.data ?? null,
    faults,
    // Left out unless given, so the defaults follow --port (see startLocalZendesk).
    ...(values['app-dir'] === undefined ? {} : { appDir: values['app-dir'] }),
    ...(values['app-port'] === undefined ? {} : { appPort: whole('app-port', values['app-port'], 0, 0, 65_535) }),
  };
}

export interface StartedLocalZendesk {
  emulator: RunningEmulator;
  data: AccountData;
  clock: EmulatorClock;
  /** Sign-in details for the CLI and the docs. */
  admin: { email: string; oauthToken: string };
  /** The agent workspace page, and the origin the app's files are served from. */
  workspace: { url: string; appOrigin: string };
}

export async function startLocalZendesk(
  config: EmulatorConfig,
  log: (line: string) => void = () => {},
): Promise<StartedLocalZendesk> {
  let data: AccountData;
  if (config.data) {
    const files = await readInputFiles(config.data, '--data');
    data = new SavedAccountData(files.sources);
  } else {
    data = new SimulatedAccountData(
      seedAccount({ seed: config.seed, tickets: config.tickets, days: config.days, now: config.now }),
    );
  }
  const clock = new EmulatorClock(config.now, config.timeScale);
  const faults = new FaultInjector();
  for (const spec of config.faults) faults.add(parseFaultFlag(spec));
  const appPort = config.appPort ?? (config.port === 0 ? 0 : config.port + 1);
  const workspace = await startWorkspace({ data, appDir: config.appDir ?? 'dist/assets', appPort, log });
  let api: RunningEmulator;
  try {
    api = await startEmulator({
      data,
      clock,
      plan: config.plan,
      apiToken: config.apiToken,
      faults,
      port: config.port,
      log,
      extraRoutes: workspace.routes,
    });
  } catch (error) {
    await workspace.close();
    throw error;
  }
  // One close for both servers, so callers that only knew the API server stop everything.
  const emulator: RunningEmulator = {
    ...api,
    close: () => Promise.all([api.close(), workspace.close()]).then(() => undefined),
  };
  const admin = data.users().find((user) => user.role === 'admin')!;
  return {
    emulator,
    data,
    clock,
    admin: { email: admin.email, oauthToken: oauthTokenFor(admin.id, config.apiToken) },
    workspace: { url: `${emulator.url}/agent/`, appOrigin: workspace.appOrigin },
  };
}

async function main(): Promise<void> {
  let config: EmulatorConfig | null;
  try {
    config = parseEmulatorArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`local zendesk: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
    return;
  }
  if (config === null) {
    process.stdout.write(`${EMULATOR_HELP}\n`);
    return;
  }
  const started = performance.now();
  let local: StartedLocalZendesk;
  try {
    local = await startLocalZendesk(config, (line) => process.stderr.write(`${line}\n`));
  } catch (error) {
    // A missing --data folder, a port in use, a missing app build: one line, not a stack trace.
    process.stderr.write(`local zendesk: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
    return;
  }
  const { url } = local.emulator;
  const agents = local.data.users().filter((user) => user.role !== 'end-user');
  const agent = agents.find((user) => user.role === 'agent' && user.customRoleId === null);
  const lead = agents.find((user) => user.customRoleId !== null);
  process.stdout.write(
    [
      `Local Zendesk running at ${url} (${config.data ? `saved data from ${config.data}` : `seed ${config.seed}, ${config.tickets} tickets over ${config.days} days`}; started in ${Math.round(performance.now() - started)} ms)`,
      `  Zendesk time ${new Date(local.clock.now()).toISOString()}, ${config.timeScale}× real time; plan ${config.plan} (${PLAN_LIMITS[config.plan]} requests/min)`,
      '',
      'Sign in to the API with any staff email and the API token:',
      `  admin      ${local.admin.email}`,
      ...(lead ? [`  team lead  ${lead.email}`] : []),
      ...(agent ? [`  agent      ${agent.email}`] : []),
      `  token      ZENDESK_API_TOKEN=${config.apiToken}   (OAuth for the admin: ZENDESK_OAUTH_TOKEN=${local.admin.oauthToken})`,
      '',
      `Agent workspace: ${local.workspace.url}   (the app from ${config.appDir ?? 'dist/assets'}, served from ${local.workspace.appOrigin})`,
      '',
      'For example:',
      `  ZENDESK_EMAIL=${local.admin.email} ZENDESK_API_TOKEN=${config.apiToken} \\`,
      `    npx support-kpis report --url ${url} --from ${new Date(local.clock.now() - 30 * 86_400_000).toISOString().slice(0, 10)} --to ${new Date(local.clock.now()).toISOString().slice(0, 10)}${config.data ? '' : ` --nps-field ${SURVEY_FIELDS.nps.id} --ces-field ${SURVEY_FIELDS.ces.id}`}`,
      '',
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  const stop = () => {
    void local.emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/**
 * Whether this module is the script Node was started with. Compared as real paths, not as strings
 * of a URL: a URL percent-encodes a space in the checkout's path, and the script may be a symlink.
 */
export function isEntryPoint(moduleUrl: string, scriptPath: string | undefined): boolean {
  if (scriptPath === undefined) return false;
  const real = (path: string) => {
    try {
      return realpathSync(path);
    } catch {
      return resolve(path);
    }
  };
  return real(fileURLToPath(moduleUrl)) === real(scriptPath);
}

if (isEntryPoint(import.meta.url, process.argv[1])) await main();
