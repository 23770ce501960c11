import { describe, expect, it } from 'vitest';
import { parseReportArgs } from '../../src/cli/report-args';
import { UsageError } from '../../src/cli/usage-error';
import { viewsTable } from '../../src/cli/views-table';
import { computeReport } from '../../src/metrics/compute-report';
import { ReportWindow } from '../../src/metrics/report-window';
import { solvedTicket } from '../metrics/make-ticket';

const window = ReportWindow.of('2026-10-01', '2026-10-31', 'UTC');

describe("the report table's voice of the customer", () => {
  const tickets = [
    solvedTicket(1, '2026-10-05T10:00:00Z', {
      assigneeId: 7,
      satisfaction: 'bad',
      satisfactionComment: 'Three emails\nand \u001b[31mno answer',
      satisfactionReason: 'The issue was not resolved',
      reopens: 1,
      replies: 3,
      fieldValues: [
        { fieldId: 11, value: 3 },
        { fieldId: 12, value: 6 },
      ],
    }),
    solvedTicket(2, '2026-10-06T10:00:00Z', {
      satisfaction: 'good',
      replies: 1,
      fieldValues: [
        { fieldId: 11, value: 10 },
        { fieldId: 12, value: 9 },
      ],
    }),
  ];
  const report = computeReport(tickets, {
    window,
    voice: true,
    surveys: { npsFieldId: 11, cesFieldId: 12, cesScale: [1, 7] },
  });

  it('says what the bad ratings said on one safe line each, the surveys and the contacts, and what stood in', () => {
    expect(viewsTable(report)).toEqual([
      'Ratings: 1 good, 1 bad, 1 with a comment; bad ones followed up: 100% (1 of 1); 1 of them judged by reopens alone (no ticket events or rating time)',
      '  bad #1 (agent 7): The issue was not resolved - Three emails and \uFFFD[31mno answer',
      'NPS (field 11): 0 from 2 answers (1 promoters, 0 passives, 1 detractors)',
      'CES (field 12, 1-7): mean 6.0 from 1 answers; 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 1, 7: 0, 1 values off the scale left out',
      'Contacts to resolution: 1.5 customer comments and 2.0 agent replies per solved ticket (2 of 2 tickets counted as 1 + reopens: no comment events)',
    ]);
  });
});

describe('the survey flags', () => {
  const base = ['--input', 'x', '--from', '2026-10-01', '--to', '2026-10-31'];
  it('name the fields and the CES scale', () => {
    const args = parseReportArgs(
      [...base, '--nps-field', '360030001', '--ces-field', '5', '--ces-scale', '1-5'],
      '/c',
    )!;
    expect(args.surveys).toEqual({ npsFieldId: 360030001, cesFieldId: 5, cesScale: [1, 5] });
    expect(parseReportArgs(base, '/c')!.surveys).toEqual({ npsFieldId: null, cesFieldId: null, cesScale: [1, 7] });
  });

  it('refuse what is not a field or a scale, saying which flag', () => {
    expect(() => parseReportArgs([...base, '--nps-field', 'abc'], '/c')).toThrow(/--nps-field: "abc"/);
    expect(() => parseReportArgs([...base, '--ces-scale', '7-1'], '/c')).toThrow(/--ces-scale: "7-1" is not a scale/);
    expect(() => parseReportArgs([...base, '--ces-field', '0'], '/c')).toThrow(UsageError);
  });

  // The cache records the fields it kept and is read again when they change (account-pull.test.ts).
  it('name the fields on a live read too', () => {
    const args = parseReportArgs(
      ['--url', 'http://127.0.0.1:1', '--from', '2026-10-01', '--to', '2026-10-31', '--nps-field', '1'],
      '/c',
    )!;
    expect(args.source.kind).toBe('live');
    expect(args.surveys.npsFieldId).toBe(1);
  });
});
