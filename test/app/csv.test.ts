import { describe, expect, it } from 'vitest';
import { csvCell, neutralizeFormula, toCsv } from '../../src/format/csv';
import { drillTicketsCsv, isoInZone, scorecardsCsv, scorecardsExportCsv } from '../../src/format/report-csv';
import { agent, block } from './support/blocks';

describe('CSV formula neutralisation', () => {
  it('prefixes text a spreadsheet would run as a formula with an apostrophe', () => {
    expect(neutralizeFormula('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(neutralizeFormula('+1')).toBe("'+1");
    expect(neutralizeFormula('-1')).toBe("'-1");
    expect(neutralizeFormula('@cmd')).toBe("'@cmd");
    expect(neutralizeFormula('\tx')).toBe("'\tx");
    expect(neutralizeFormula('\rx')).toBe("'\rx");
    expect(neutralizeFormula('Ana = Bo')).toBe('Ana = Bo');
  });

  it('sees a formula behind a leading NUL, spaces or line feeds, and in fullwidth signs', () => {
    expect(neutralizeFormula('\0=1+1')).toBe("'\0=1+1");
    expect(neutralizeFormula('  =1+1')).toBe("'  =1+1");
    expect(neutralizeFormula('\n\n@SUM(A1)')).toBe("'\n\n@SUM(A1)");
    expect(neutralizeFormula(' \u00a0-2')).toBe("' \u00a0-2");
    for (const sign of ['\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']) {
      expect(neutralizeFormula(`${sign}1`)).toBe(`'${sign}1`);
    }
    expect(neutralizeFormula(' Ana')).toBe(' Ana');
    expect(neutralizeFormula('\nAna')).toBe('\nAna');
  });

  it('drops bidirectional overrides and isolates, so a cell shows what it holds', () => {
    expect(neutralizeFormula('Ana\u202Eoh\u202C')).toBe('Anaoh');
    expect(neutralizeFormula('\u2066x\u2067y\u2068z\u2069')).toBe('xyz');
    expect(neutralizeFormula('\u202A\u202B\u202D')).toBe('');
    // An override in front cannot hide a formula.
    expect(neutralizeFormula('\u202E=1+1')).toBe("'=1+1");
    expect(csvCell('\u2067=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });

  it('writes numbers as numbers, negative ones included; non-finite and empty values as empty cells', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(0.25)).toBe('0.25');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(Number.POSITIVE_INFINITY)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  it('quotes cells with commas, quotes or line breaks, after neutralising', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=1,2')).toBe(`"'=1,2"`);
    expect(csvCell('\rboom')).toBe(`"'\rboom"`);
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('joins rows with CRLF and ends with one', () => {
    expect(
      toCsv([
        ['id', 'name'],
        [1, '=HYPERLINK("http://x")'],
      ]),
    ).toBe(`id,name\r\n1,"'=HYPERLINK(""http://x"")"\r\n`);
    expect(toCsv([['a'], ['-b']])).toBe("a\r\n'-b\r\n");
  });

  it('neutralises agent names in the scorecards export', () => {
    const csv = scorecardsCsv({
      team: block({ created: 2 }),
      agents: [agent(7, '=cmd|" /C calc"!A0', { created: 2 }), agent(null, null, {})],
    });
    const lines = csv.split('\r\n');
    expect(lines[0]!.startsWith('scope,agent_id,agent_name,created,solved,backlog,')).toBe(true);
    expect(lines[1]!.startsWith('team,,,2,')).toBe(true);
    expect(lines[2]!.startsWith(`agent,7,"'=cmd|"" /C calc""!A0",2,`)).toBe(true);
    expect(lines[3]!.startsWith('unassigned,,,0,')).toBe(true);
  });
});

describe('the report’s exports', () => {
  it('puts units in the scorecard headers, rounds as the screen does, and says what the file covers', () => {
    const csv = scorecardsExportCsv(
      {
        team: block({ created: 3, frt: { n: 3, median: 12.345678901234567, p90: 60.04, mean: 20, unreplied: 0 } }),
        agents: [agent(7, 'Ana', { created: 3 })],
      },
      {
        from: '2026-10-01',
        to: '2026-10-31',
        timeZone: 'Europe/Berlin',
        hours: 'business',
        credit: 'actor',
        filters: ['group=Tier 2'],
      },
      (id) => (id === 7 ? 'Ana Lima' : `#${id}`),
    );
    const [header, team, ana] = csv.split('\r\n').map((line) => line.split(','));
    expect(header!.slice(0, 9)).toEqual([
      'period_from',
      'period_to',
      'time_zone',
      'hours',
      'credit',
      'filters',
      'scope',
      'agent_id',
      'agent_name',
    ]);
    expect(header).toContain('frt_median_minutes');
    expect(header).toContain('fcr_percent');
    expect(header!.every((name) => !/^(frt|fcr)$/.test(name))).toBe(true);
    expect(team!.slice(0, 7)).toEqual([
      '2026-10-01',
      '2026-10-31',
      'Europe/Berlin',
      'business',
      'actor',
      'group=Tier 2',
      'team',
    ]);
    expect(team![header!.indexOf('frt_median_minutes')]).toBe('12.3');
    expect(team![header!.indexOf('frt_p90_minutes')]).toBe('60');
    expect(ana![8]).toBe('Ana Lima');
  });

  it('writes ticket times in the viewer’s zone with its offset, in the order given', () => {
    const csv = drillTicketsCsv(
      [
        {
          ticketId: 9,
          createdAt: Date.parse('2026-07-01T10:00:00Z'),
          status: 'open',
          assigneeId: 7,
          groupName: 'Tier 1',
          channel: 'email',
          value: 7.25,
          counted: null,
        },
        {
          ticketId: 3,
          createdAt: Date.parse('2026-12-01T10:00:00Z'),
          status: 'solved',
          assigneeId: null,
          groupName: null,
          channel: 'web',
          value: null,
          counted: true,
        },
      ],
      'Europe/Berlin',
      true,
      (id) => `Agent ${id}`,
    );
    expect(csv.trimEnd().split('\r\n')).toEqual([
      'ticket_id,created_at,status,assignee_id,assignee_name,group,channel,value_minutes,counted',
      '9,2026-07-01T12:00:00+02:00,open,7,Agent 7,Tier 1,email,7.3,',
      '3,2026-12-01T11:00:00+01:00,solved,,,,web,,yes',
    ]);
    expect(isoInZone(Date.parse('2026-03-01T00:30:00Z'), 'America/St_Johns')).toBe('2026-02-28T21:00:00-03:30');
  });

  it('leaves the assignee columns out of a non-manager’s ticket export', () => {
    const csv = drillTicketsCsv(
      [
        {
          ticketId: 1,
          createdAt: 0,
          status: 'open',
          assigneeId: 7,
          groupName: null,
          channel: null,
          value: 2,
          counted: null,
        },
      ],
      'UTC',
      false,
      null,
    );
    expect(csv.split('\r\n')[0]).toBe('ticket_id,created_at,status,group,channel,value,counted');
  });
});
