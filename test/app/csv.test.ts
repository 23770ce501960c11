import { describe, expect, it } from 'vitest';
import { csvCell, neutralizeFormula, toCsv } from '../../src/format/csv';
import { scorecardsCsv } from '../../src/format/report-csv';
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
