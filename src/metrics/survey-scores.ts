import { bucketOf, type PeriodBuckets } from './period-buckets';
import type { ReportWindow } from './report-window';
import type { TicketRecord } from './ticket-record';

/**
 * NPS and CES from ticket custom fields (METRICS.md, Version 4): Zendesk no longer runs NPS
 * surveys, so teams collect the answers in fields, which the settings name.
 */
export interface SurveySettings {
  /** The 0–10 "how likely are you to recommend us" field; null: no NPS. */
  npsFieldId: number | null;
  /** The customer effort field; null: no CES. */
  cesFieldId: number | null;
  /** The CES scale's lowest and highest answer, both included. */
  cesScale: readonly [number, number];
}

export const DEFAULT_CES_SCALE: readonly [number, number] = [1, 7];
export const NPS_SCALE: readonly [number, number] = [0, 10];
/** Promoters answer 9 or 10, passives 7 or 8, detractors 0 to 6. */
export const NPS_PROMOTER_FROM = 9;
export const NPS_PASSIVE_FROM = 7;
/** A scale of more points than this is a number field, not a survey. */
export const MAX_SCALE_POINTS = 101;

export interface NpsBlock {
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** 100 · (promoters − detractors) / n, not rounded; null when n is 0. */
  score: number | null;
}

export interface CesBlock {
  n: number;
  mean: number | null;
  /** Answers per scale point, lowest first. */
  distribution: number[];
}

export interface SurveyReport<Block> {
  field_id: number;
  team: Block;
  /** Scorecards with an answer, by id, unassigned last; credited to the solver. */
  agents: (Block & { id: number | null })[];
  /** One row per bucket of the window (as `volume`), by `solved_at`. */
  trend: (Block & { start: string })[];
  /** Values of the field that are not an integer on the scale, left out. */
  invalid: number;
}

export type NpsReport = SurveyReport<NpsBlock>;
export type CesReport = SurveyReport<CesBlock> & { scale: [number, number] };

/** The value a ticket holds in one field: absent (no answer), or a number, NaN for what is not one. */
export function fieldValue(ticket: TicketRecord, fieldId: number): number | undefined {
  const values = ticket.fieldValues;
  if (values === undefined) return undefined;
  for (let i = 0; i < values.length; i++) if (values[i]!.fieldId === fieldId) return values[i]!.value;
  return undefined;
}

/** An answer on the scale, or null when the value is not an integer on it. */
export function onScale(value: number, scale: readonly [number, number]): number | null {
  return Number.isInteger(value) && value >= scale[0] && value <= scale[1] ? value : null;
}

/** The fields a record must keep for these settings: no other custom field is held in memory. */
export function surveyFieldIds(settings: SurveySettings): Set<number> {
  const ids = new Set<number>();
  if (settings.npsFieldId !== null) ids.add(settings.npsFieldId);
  if (settings.cesFieldId !== null) ids.add(settings.cesFieldId);
  return ids;
}

/** Settings that cannot describe a survey get a clear error naming the setting. */
export function checkSurveySettings(settings: SurveySettings): void {
  const [min, max] = settings.cesScale;
  if (!Number.isInteger(min) || !Number.isInteger(max) || min > max || max - min + 1 > MAX_SCALE_POINTS)
    throw new RangeError(
      `CES scale: ${min} to ${max} is not a scale of 2 to ${MAX_SCALE_POINTS} whole points, lowest first`,
    );
  for (const [name, id] of [
    ['NPS field id', settings.npsFieldId],
    ['CES field id', settings.cesFieldId],
  ] as const) {
    if (id !== null && (!Number.isSafeInteger(id) || id <= 0))
      throw new RangeError(`${name}: ${id} is not a Zendesk ticket field id (a positive whole number)`);
  }
}

abstract class Counter<Block> {
  abstract add(answer: number): void;
  abstract block(): Block;
}

class NpsCounter extends Counter<NpsBlock> {
  promoters = 0;
  passives = 0;
  detractors = 0;
  add(answer: number): void {
    if (answer >= NPS_PROMOTER_FROM) this.promoters++;
    else if (answer >= NPS_PASSIVE_FROM) this.passives++;
    else this.detractors++;
  }
  block(): NpsBlock {
    const n = this.promoters + this.passives + this.detractors;
    return {
      n,
      promoters: this.promoters,
      passives: this.passives,
      detractors: this.detractors,
      score: n === 0 ? null : (100 * (this.promoters - this.detractors)) / n,
    };
  }
}

class CesCounter extends Counter<CesBlock> {
  private readonly counts: number[];
  private sum = 0;
  private n = 0;
  constructor(private readonly scale: readonly [number, number]) {
    super();
    this.counts = new Array<number>(scale[1] - scale[0] + 1).fill(0);
  }
  add(answer: number): void {
    this.counts[answer - this.scale[0]]!++;
    this.sum += answer;
    this.n++;
  }
  block(): CesBlock {
    return { n: this.n, mean: this.n === 0 ? null : this.sum / this.n, distribution: [...this.counts] };
  }
}

/** One survey field's answers over the solved cohort: the team, each solver, each bucket. */
class SurveyTally<Block> {
  private readonly team: Counter<Block>;
  private readonly byAgent = new Map<number | null, Counter<Block>>();
  private readonly byBucket: Counter<Block>[];
  private invalid = 0;

  constructor(
    readonly fieldId: number,
    private readonly scale: readonly [number, number],
    private readonly counter: () => Counter<Block>,
    private readonly window: ReportWindow,
    private readonly period: PeriodBuckets,
  ) {
    this.team = counter();
    this.byBucket = period.buckets.map(() => counter());
  }

  /** A ticket of the solved cohort (its `solvedAt` inside the window), credited to `solver`. */
  add(ticket: TicketRecord, solver: number | null): void {
    const value = fieldValue(ticket, this.fieldId);
    if (value === undefined) return;
    const answer = onScale(value, this.scale);
    if (answer === null) {
      this.invalid++;
      return;
    }
    this.team.add(answer);
    let agent = this.byAgent.get(solver);
    if (!agent) {
      agent = this.counter();
      this.byAgent.set(solver, agent);
    }
    agent.add(answer);
    this.byBucket[bucketOf(this.period, this.window, ticket.solvedAt!)]!.add(answer);
  }

  result(): SurveyReport<Block> {
    const ids = [...this.byAgent.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : a - b));
    return {
      field_id: this.fieldId,
      team: this.team.block(),
      agents: ids.map((id) => ({ id, ...this.byAgent.get(id)!.block() })),
      trend: this.byBucket.map((counter, i) => ({ start: this.period.buckets[i]!.start, ...counter.block() })),
      invalid: this.invalid,
    };
  }
}

/** Both surveys, each only when its field is set. */
export class SurveyScoresTally {
  private readonly nps: SurveyTally<NpsBlock> | null;
  private readonly ces: SurveyTally<CesBlock> | null;
  private readonly cesScale: [number, number];

  constructor(settings: SurveySettings, window: ReportWindow, period: PeriodBuckets) {
    checkSurveySettings(settings);
    const scale = settings.cesScale;
    this.cesScale = [scale[0], scale[1]];
    this.nps =
      settings.npsFieldId === null
        ? null
        : new SurveyTally(settings.npsFieldId, NPS_SCALE, () => new NpsCounter(), window, period);
    this.ces =
      settings.cesFieldId === null
        ? null
        : new SurveyTally(settings.cesFieldId, scale, () => new CesCounter(scale), window, period);
  }

  add(ticket: TicketRecord, solver: number | null): void {
    this.nps?.add(ticket, solver);
    this.ces?.add(ticket, solver);
  }

  result(): { nps?: NpsReport; ces?: CesReport } {
    return {
      ...(this.nps ? { nps: this.nps.result() } : {}),
      ...(this.ces ? { ces: { ...this.ces.result(), scale: this.cesScale } } : {}),
    };
  }
}
