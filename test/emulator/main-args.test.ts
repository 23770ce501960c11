import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EMULATOR_HELP, parseEmulatorArgs, startLocalZendesk } from '../../src/emulator/main';
import { FALLBACK_ADMIN_EMAIL } from '../../src/emulator/saved-account-data';

/** `npm start -- [flags]`: parseEmulatorArgs. */

const WALL = Date.parse('2026-11-22T12:34:56.789Z');
const LOCAL_RECORDED = fileURLToPath(new URL('../fixtures/zendesk/local/recorded', import.meta.url));

describe('parseEmulatorArgs', () => {
  it('has documented defaults, with now cut to the minute', () => {
    expect(parseEmulatorArgs([], WALL)).toEqual({
      port: 4567,
      seed: 1,
      tickets: 20_000,
      days: 120,
      now: Date.parse('2026-11-22T12:34:00Z'),
      timeScale: 1,
      plan: 'enterprise',
      apiToken: 'emulator-token',
      data: null,
      faults: [],
    });
  });

  it('reads every flag', () => {
    const config = parseEmulatorArgs(
      [
        '--port',
        '0',
        '--seed',
        '42',
        '--tickets',
        '500',
        '--days',
        '30',
        '--now',
        '2026-10-01T08:00:00Z',
        '--time-scale',
        '60',
        '--plan',
        'team',
        '--api-token',
        'sekret',
        '--data',
        '/tmp/saved',
        '--fault',
        'incremental:error=0.2,latency=300',
        '--fault',
        'all:429=5',
      ],
      WALL,
    );
    expect(config).toEqual({
      port: 0,
      seed: 42,
      tickets: 500,
      days: 30,
      now: Date.parse('2026-10-01T08:00:00Z'),
      timeScale: 60,
      plan: 'team',
      apiToken: 'sekret',
      data: '/tmp/saved',
      faults: ['incremental:error=0.2,latency=300', 'all:429=5'],
    });
    expect(parseEmulatorArgs(['--port=8080', '--time-scale=0.5', '--plan=high-volume'], WALL)).toEqual(
      expect.objectContaining({ port: 8080, timeScale: 0.5, plan: 'high-volume' }),
    );
    for (const plan of ['team', 'growth', 'professional', 'enterprise', 'high-volume']) {
      expect(parseEmulatorArgs(['--plan', plan], WALL)!.plan).toBe(plan);
    }
  });

  it('takes the largest values it allows', () => {
    expect(
      parseEmulatorArgs(
        [
          '--port',
          '65535',
          '--seed',
          String(2 ** 31),
          '--tickets',
          '2000000',
          '--days',
          '3650',
          '--time-scale',
          '100000',
        ],
        WALL,
      ),
    ).toEqual(
      expect.objectContaining({ port: 65_535, seed: 2 ** 31, tickets: 2_000_000, days: 3650, timeScale: 100_000 }),
    );
  });

  it('returns null for --help and -h', () => {
    expect(parseEmulatorArgs(['--help'], WALL)).toBeNull();
    expect(parseEmulatorArgs(['-h', '--port', 'nonsense'], WALL)).toBeNull();
    expect(EMULATOR_HELP).toMatch(/--time-scale N/);
    expect(EMULATOR_HELP).toMatch(/team \(200\/min\)/);
  });

  it('refuses bad whole numbers, naming the flag and the range', () => {
    const cases: [string[], string][] = [
      [['--port', '70000'], '--port must be a whole number from 0 to 65535'],
      [['--port', 'http'], '--port must be a whole number from 0 to 65535'],
      [['--port=-1'], '--port must be a whole number from 0 to 65535'],
      [['--seed', '1.5'], '--seed must be a whole number from 0 to 2147483648'],
      [['--seed', String(2 ** 31 + 1)], '--seed must be a whole number from 0 to 2147483648'],
      [['--tickets', '0'], '--tickets must be a whole number from 1 to 2000000'],
      [['--tickets', '2000001'], '--tickets must be a whole number from 1 to 2000000'],
      [['--days', '0'], '--days must be a whole number from 1 to 3650'],
      [['--days', 'ten'], '--days must be a whole number from 1 to 3650'],
    ];
    for (const [argv, message] of cases) expect(() => parseEmulatorArgs(argv, WALL), argv.join(' ')).toThrow(message);
  });

  it('refuses a bad --now, --time-scale, --plan or --fault', () => {
    expect(() => parseEmulatorArgs(['--now', 'yesterday'], WALL)).toThrow('--now: "yesterday" is not an ISO 8601 time');
    expect(() => parseEmulatorArgs(['--now', '2026-13-45T00:00:00Z'], WALL)).toThrow(/--now/);
    for (const scale of ['0', '-2', 'fast', 'Infinity']) {
      expect(() => parseEmulatorArgs([`--time-scale=${scale}`], WALL), scale).toThrow(
        /--time-scale must be a number above 0/,
      );
    }
    expect(() => parseEmulatorArgs(['--plan', 'gold'], WALL)).toThrow(
      '--plan must be one of team, growth, professional, enterprise, high-volume',
    );
    expect(() => parseEmulatorArgs(['--fault', 'incremental:bogus=1'], WALL)).toThrow(/--fault: "bogus=1"/);
  });

  it('names the upper limit when --time-scale is too large', () => {
    // 200,000 is refused; the message should not claim the problem is being "above 0".
    expect(() => parseEmulatorArgs(['--time-scale', '200000'], WALL)).toThrow(/100[,_ ]?000/);
  });

  it('refuses unknown flags and positional arguments', () => {
    expect(() => parseEmulatorArgs(['--bogus'], WALL)).toThrow(/--bogus/);
    expect(() => parseEmulatorArgs(['start'], WALL)).toThrow(/start/);
    expect(() => parseEmulatorArgs(['--port'], WALL)).toThrow(/--port/);
  });
});

describe('startLocalZendesk', () => {
  it('starts a seeded account from parsed flags, with the admin’s sign-in details', async () => {
    const config = parseEmulatorArgs(
      [
        '--port',
        '0',
        '--tickets',
        '200',
        '--days',
        '10',
        '--now',
        '2026-11-22T12:00:00Z',
        '--plan',
        'team',
        '--api-token',
        'tok',
        '--fault',
        'users:429=1',
      ],
      WALL,
    )!;
    const local = await startLocalZendesk(config);
    try {
      expect(local.clock.now()).toBeGreaterThanOrEqual(Date.parse('2026-11-22T12:00:00Z'));
      expect(local.admin.oauthToken).toMatch(/^oauth-\d+-tok$/);
      const headers = { authorization: `Bearer ${local.admin.oauthToken}` };
      // The --fault rule is in force: the first users request is refused.
      expect((await fetch(`${local.emulator.url}/api/v2/users/me.json`, { headers })).status).toBe(429);
      const me = await fetch(`${local.emulator.url}/api/v2/users/me.json`, { headers });
      expect(me.status).toBe(200);
      expect(me.headers.get('x-rate-limit')).toBe('200');
      expect(((await me.json()) as { user: { email: string; role: string } }).user).toEqual(
        expect.objectContaining({ email: local.admin.email, role: 'admin' }),
      );
      const basic = `Basic ${Buffer.from(`${local.admin.email}/token:tok`).toString('base64')}`;
      expect(
        (await fetch(`${local.emulator.url}/api/v2/groups.json`, { headers: { authorization: basic } })).status,
      ).toBe(200);
    } finally {
      await local.emulator.close();
    }
  });

  it('serves saved data with --data, signed in as the fallback admin', async () => {
    const config = parseEmulatorArgs(['--port', '0', '--data', LOCAL_RECORDED], WALL)!;
    const local = await startLocalZendesk(config);
    try {
      expect(local.admin.email).toBe(FALLBACK_ADMIN_EMAIL);
      expect(local.data.allTickets(Date.now()).length).toBeGreaterThan(1000);
    } finally {
      await local.emulator.close();
    }
  });
});
