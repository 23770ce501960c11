import type { Random } from './random';

/**
 * The demo account's survey fields: teams collect NPS and customer effort in ticket fields, since
 * Zendesk no longer sends NPS surveys (METRICS.md, survey scores from ticket fields). A survey tool
 * writes the customer's answers into the ticket after the solve; the demo app is installed with
 * these ids in its settings.
 */
export const SURVEY_FIELDS = {
  /** Integer: "How likely are you to recommend us?", 0 to 10. */
  nps: { id: 360_020_003, title: 'How likely are you to recommend us? (0–10)', type: 'integer' },
  /** Integer: "How easy was it to get your issue resolved?", 1 (very hard) to 7 (very easy). */
  ces: { id: 360_020_004, title: 'How easy was it to get help? (1–7)', type: 'integer' },
} as const;

export const CES_SCALE: readonly [number, number] = [1, 7];

/** Of the tickets that close, the share whose requester answers the survey (a typical response rate). */
const ANSWER_RATE = 0.3;
/** Of those, the share who also answer the effort question. */
const CES_RATE = 0.8;
/**
 * An integer field takes any whole number: a few answers arrive off the scale (typed by hand,
 * 11 to 21), which the report counts as invalid.
 */
const OFF_SCALE_RATE = 0.015;

/**
 * One requester's survey answers, field id to value, or null when they do not answer. Better
 * agents get more promoters and easier contacts; a bad CSAT rating leans the same way down.
 */
export function surveyAnswers(random: Random, quality: number, ratedBad: boolean): Record<number, number> | null {
  if (!random.chance(ANSWER_RATE)) return null;
  const lean = Math.max(0, Math.min(1, quality - (ratedBad ? 0.45 : 0)));
  const group = random.weighted([
    ['promoter', 0.25 + 0.45 * lean],
    ['passive', 0.3],
    ['detractor', 0.4 - 0.3 * lean],
  ] as const);
  const nps =
    group === 'promoter'
      ? random.integer(9, 10)
      : group === 'passive'
        ? random.integer(7, 8)
        : random.weighted([
            [0, 0.5],
            [1, 0.3],
            [2, 0.4],
            [3, 0.6],
            [4, 0.8],
            [5, 1.4],
            [6, 1.6],
          ] as const);
  const answers: Record<number, number> = {
    [SURVEY_FIELDS.nps.id]: random.chance(OFF_SCALE_RATE) ? 11 + nps : nps,
  };
  if (random.chance(CES_RATE)) {
    // Centred from 3.5 (a poor agent) to 6 (a good one), one or two points either way.
    const centre = 3.5 + 2.5 * lean;
    const ces = Math.round(centre + (random.next() + random.next() - 1) * 2.5);
    answers[SURVEY_FIELDS.ces.id] = Math.max(CES_SCALE[0], Math.min(CES_SCALE[1], ces));
  }
  return answers;
}
