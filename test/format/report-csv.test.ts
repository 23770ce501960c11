import { describe, expect, it } from 'vitest';
import { drillTicketsCsv, type DrillExportRow } from '../../src/format/report-csv';

const row = (ticketId: number, subject: string | null | undefined, createdAt: string): DrillExportRow => ({
  ticketId,
  ...(subject === undefined ? {} : { subject }),
  createdAt: Date.parse(createdAt),
  status: 'open',
  assigneeId: null,
  groupName: null,
  channel: 'email',
  value: 1,
  counted: null,
});

describe('drillTicketsCsv subjects', () => {
  it('writes the subject beside the id, in the order given, neutralised like every cell', () => {
    const csv = drillTicketsCsv(
      [
        row(12, '=HYPERLINK("http://evil.example","refund")', '2026-11-02T09:00:00Z'),
        row(3, 'Printer, "again"', '2026-03-29T00:30:00Z'),
        row(7, null, '2026-11-02T09:00:00Z'),
        row(8, '\u202Egnp.exe', '2026-11-02T09:00:00Z'),
      ],
      'Europe/Berlin',
      false,
      null,
    );
    expect(csv.trimEnd().split('\r\n')).toEqual([
      'ticket_id,subject,created_at,status,group,channel,value,counted',
      `12,"'=HYPERLINK(""http://evil.example"",""refund"")",2026-11-02T10:00:00+01:00,open,,email,1,`,
      '3,"Printer, ""again""",2026-03-29T01:30:00+01:00,open,,email,1,',
      '7,,2026-11-02T10:00:00+01:00,open,,email,1,',
      '8,gnp.exe,2026-11-02T10:00:00+01:00,open,,email,1,',
    ]);
  });

  it('has no subject column for a list that reads none', () => {
    const csv = drillTicketsCsv([row(1, undefined, '2026-11-02T09:00:00Z')], 'UTC', false, null);
    expect(csv.split('\r\n')[0]).toBe('ticket_id,created_at,status,group,channel,value,counted');
  });
});
