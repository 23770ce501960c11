import { describe, expect, it } from 'vitest';
import { readSettings } from '../../src/app/app-settings';
import {
  buildSlaTiles,
  buildTiles,
  changeOf,
  firstDataAt,
  previousHasData,
} from '../../src/app/report/kpi-tiles-model';
import { block, durations, rates } from './support/blocks';

describe('changeOf', () => {
  const tile = (
    kind: 'rate' | 'duration' | 'count',
    value: number | null,
    previous: number | null,
    higherIsBetter: boolean | null,
  ) => ({
    kind,
    value,
    previous,
    higherIsBetter,
    basis: 50,
  });

  it('is null without both values', () => {
    expect(changeOf(tile('rate', null, 0.3, true))).toBeNull();
    expect(changeOf(tile('rate', 0.3, null, true))).toBeNull();
  });

  it('up is good where higher is better, bad where lower is, for a clear change', () => {
    expect(changeOf(tile('rate', 0.8, 0.6, true))).toEqual({ direction: 'up', good: true, delta: 0.8 - 0.6 });
    expect(changeOf(tile('duration', 30, 20, false))).toEqual({ direction: 'up', good: false, delta: 10 });
  });

  it('down is good where lower is better, bad where higher is', () => {
    expect(changeOf(tile('duration', 21, 60, false))).toEqual({ direction: 'down', good: true, delta: -39 });
    expect(changeOf(tile('count', 5, 12, true))).toEqual({ direction: 'down', good: false, delta: -7 });
  });

  it('a zero change, or one that rounds to zero as shown, is flat and neutral, not "down 0 points (worse)"', () => {
    expect(changeOf(tile('count', 4, 4, true))).toEqual({ direction: 'flat', good: null, delta: 0 });
    expect(changeOf(tile('rate', 0.54101, 0.54104, true))).toEqual({ direction: 'flat', good: null, delta: 0 });
  });

  it('a metric that is neither better nor worse, or a small change, is not coloured', () => {
    expect(changeOf(tile('count', 27, 6, null))).toEqual({ direction: 'up', good: null, delta: 21 });
    expect(changeOf(tile('rate', 0.603, 0.6, true))).toMatchObject({ direction: 'up', good: null });
  });
});

describe('firstDataAt', () => {
  it("is the oldest ticket's creation, null without tickets", () => {
    expect(firstDataAt([{ createdAt: 30 }, { createdAt: 10 }, { createdAt: 20 }])).toBe(10);
    expect(firstDataAt([])).toBeNull();
  });

  it('previousHasData: the tickets read reach back to the start of the previous period', () => {
    expect(previousHasData(100, [{ createdAt: 150 }, { createdAt: 90 }])).toBe(true);
    expect(previousHasData(100, [{ createdAt: 150 }])).toBe(false);
    expect(previousHasData(100, [])).toBe(false);
  });
});

describe('buildTiles', () => {
  const current = block({
    created: 27,
    solved: 21,
    backlog: 10,
    frt: { ...durations(21, 24, 240), unreplied: 3 },
    full_resolution: durations(360, 21),
    fcr: rates(14, 20),
    one_touch: rates(17, 21),
    reopen: rates(3, 21),
    escalation: rates(3, 27),
    csat: { ...rates(13, 17), offered: 18 },
  });
  const previous = block({
    created: 6,
    solved: 4,
    frt: { ...durations(60, 6), unreplied: 0 },
    csat: { ...rates(2, 4), offered: 4 },
  });

  it('has the ten tiles in order, each with its value, previous value, direction and basis', () => {
    const tiles = buildTiles(current, previous, readSettings({}).targets);
    expect(tiles.map((tile) => tile.key)).toEqual([
      'frt',
      'full_resolution',
      'fcr',
      'one_touch',
      'reopen',
      'escalation',
      'csat',
      'created',
      'solved',
      'backlog',
    ]);
    const byKey = new Map(tiles.map((tile) => [tile.key, tile]));
    expect(byKey.get('frt')).toMatchObject({
      kind: 'duration',
      value: 21,
      previous: 60,
      higherIsBetter: false,
      basis: 24,
      target: null,
      secondary: { key: 'p90', value: 240, kind: 'duration' },
    });
    expect(byKey.get('csat')).toMatchObject({
      kind: 'rate',
      value: 13 / 17,
      previous: 0.5,
      higherIsBetter: true,
      basis: 17,
      secondary: { key: 'responses', value: 17, kind: 'count' },
    });
    expect(byKey.get('created')).toMatchObject({
      kind: 'count',
      value: 27,
      previous: 6,
      higherIsBetter: null,
      basis: 27,
    });
    expect(byKey.get('escalation')).toMatchObject({ value: 3 / 27, previous: null, higherIsBetter: false, basis: 27 });
    // The backlog is "now": there is nothing to compare it with.
    expect(byKey.get('backlog')).toMatchObject({ value: 10, previous: null, higherIsBetter: false });
    expect(changeOf(byKey.get('backlog')!)).toBeNull();
    expect(byKey.get('backlog')!.noComparison).toBe('not_compared');
    expect(byKey.get('frt')!.noComparison).toBeUndefined();
    expect(changeOf(byKey.get('frt')!)).toEqual({ direction: 'down', good: true, delta: -39 });
    expect(changeOf(byKey.get('csat')!)?.good).toBe(true);
    expect(tiles.every((tile) => tile.target === null)).toBe(true);
  });

  it('marks targets met at or below for times, reopens and escalations, at or above for FCR and CSAT', () => {
    const targets = readSettings({
      target_frt_minutes: '21',
      target_resolution_minutes: '300',
      target_fcr_percent: '70',
      target_csat_percent: '90',
      target_reopen_percent: '20',
      target_escalation_percent: '10',
    }).targets;
    const byKey = new Map(buildTiles(current, previous, targets).map((tile) => [tile.key, tile.target]));
    expect(byKey.get('frt')).toEqual({ value: 21, met: true }); // 21 <= 21
    expect(byKey.get('full_resolution')).toEqual({ value: 300, met: false }); // 360 > 300
    expect(byKey.get('fcr')).toEqual({ value: 0.7, met: true }); // 14/20 = 0.7 >= 0.7
    expect(byKey.get('csat')).toEqual({ value: 0.9, met: false }); // 0.765 < 0.9
    expect(byKey.get('reopen')).toEqual({ value: 0.2, met: true }); // 0.143 <= 0.2
    expect(byKey.get('escalation')).toEqual({ value: 0.1, met: false }); // 0.111 > 0.1
    expect(byKey.get('one_touch')).toBeNull();
    expect(byKey.get('created')).toBeNull();
  });

  it('has no target verdict without a value', () => {
    const targets = readSettings({ target_frt_minutes: '30', target_csat_percent: '90' }).targets;
    const tiles = buildTiles(block(), block(), targets);
    expect(tiles.find((tile) => tile.key === 'frt')!.target).toBeNull();
    expect(tiles.find((tile) => tile.key === 'csat')!.target).toBeNull();
  });
});

describe('buildTiles without previous data', () => {
  it('a previous period before the first ticket is not compared: every tile says there is no previous data', () => {
    const current = block({ created: 40, solved: 30, backlog: 12, fcr: rates(20, 30) });
    const previous = block({ created: 2, solved: 1, fcr: rates(0, 1) });
    const tiles = buildTiles(current, previous, readSettings({}).targets, { previousHasData: false });
    expect(tiles.every((tile) => tile.previous === null && changeOf(tile) === null)).toBe(true);
    expect(new Set(tiles.map((tile) => tile.noComparison))).toEqual(new Set(['no_data', 'not_compared']));
    expect(tiles.find((tile) => tile.key === 'backlog')!.noComparison).toBe('not_compared');
  });
});

describe('buildSlaTiles', () => {
  const sla = (achieved: number, breached: number) => ({
    achieved,
    breached,
    rate: achieved + breached === 0 ? null : achieved / (achieved + breached),
  });

  it('has no tile without metric events: the report says why instead of showing zeros', () => {
    expect(buildSlaTiles(block(), block())).toEqual([]);
  });

  it('one tile for every SLA together, then one per SLA metric, each with its breaches and its change', () => {
    const current = block({ sla: { all: sla(30, 10), first_reply_time: sla(18, 2), next_reply_time: sla(12, 8) } });
    const before = block({ sla: { all: sla(20, 20), first_reply_time: sla(20, 20) } });
    const tiles = buildSlaTiles(current, before);
    expect(tiles.map((tile) => [tile.slaMetric, tile.value, tile.previous, tile.basis, tile.secondary?.value])).toEqual(
      [
        ['all', 0.75, 0.5, 40, 10],
        ['first_reply_time', 0.9, 0.5, 20, 2],
        // No next reply target in the previous period: nothing to compare with.
        ['next_reply_time', 0.6, null, 20, 8],
      ],
    );
    expect(tiles.every((tile) => tile.key === 'sla' && tile.metric === 'sla' && tile.target === null)).toBe(true);
    expect(changeOf(tiles[0]!)).toEqual({ direction: 'up', good: true, delta: 0.25 });
    expect(changeOf(tiles[2]!)).toBeNull();
  });

  it('a previous period read without metric events, or before the data starts, shows no change', () => {
    const current = block({ sla: { all: sla(30, 10) } });
    expect(buildSlaTiles(current, block())[0]!.previous).toBeNull();
    const early = buildSlaTiles(current, block({ sla: { all: sla(1, 1) } }), { previousHasData: false })[0]!;
    expect(early.previous).toBeNull();
    expect(early.noComparison).toBe('no_data');
  });

  it("the settings' SLA target is drawn on every SLA tile, met at or above it", () => {
    const current = block({ sla: { all: sla(90, 10), first_reply_time: sla(19, 1), next_reply_time: sla(12, 8) } });
    const tiles = buildSlaTiles(current, null, { target: 0.9 });
    expect(tiles.map((tile) => [tile.slaMetric, tile.target])).toEqual([
      ['all', { value: 0.9, met: true }],
      ['first_reply_time', { value: 0.9, met: true }],
      ['next_reply_time', { value: 0.9, met: false }],
    ]);
  });

  it('a period with targets but none met or breached has an empty rate, not 0%', () => {
    expect(buildSlaTiles(block({ sla: { all: sla(0, 0) } }), null)[0]).toMatchObject({ value: null, basis: 0 });
  });
});
