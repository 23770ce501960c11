// @vitest-environment jsdom
import './support/jsdom-setup';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppProviders } from '../../src/app/components/app-context';
import { DrillDownPanel, PAGE_SIZE, type SubjectSource } from '../../src/app/report/drill-down-panel';
import type { DrillRow } from '../../src/metrics/drill-down';
import { makeTicket } from '../metrics/make-ticket';

/**
 * The drill-down list on its own: 250 tickets (more than two pages), created an hour apart, each
 * with a value of its id in minutes; subjects from a source the test counts the reads of.
 */

const BASE = Date.parse('2026-11-01T00:00:00Z');
const ROWS: DrillRow[] = Array.from({ length: 250 }, (_, index) => ({
  ticket: makeTicket({ id: index + 1, createdAt: BASE + index * 3_600_000, assigneeId: null }),
  value: index + 1,
  counted: null,
}));

class CountedSubjects implements SubjectSource {
  readonly reads: number[][] = [];
  protected readonly known = new Map<number, string | null>();
  peek(id: number) {
    return this.known.get(id);
  }
  async read(ids: readonly number[]) {
    this.reads.push([...ids]);
    // A requester may write markup into a subject: it must show as text.
    for (const id of ids) this.known.set(id, id === 7 ? '<img src=x onerror=alert(1)> Printer' : `Subject ${id}`);
  }
}

function Harness({ subjects, onExport }: { subjects: SubjectSource; onExport: (rows: DrillRow[]) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <AppProviders zendeskLocale="en-US" colorScheme="light">
      <button onClick={() => setOpen(true)}>Open the list</button>
      {open && (
        <DrillDownPanel
          title="Created: Team"
          rows={ROWS}
          valueKind="duration"
          timeZone="UTC"
          nameOf={() => 'Unassigned'}
          onOpenTicket={() => {}}
          onExport={onExport}
          onClose={() => setOpen(false)}
          subjects={subjects}
        />
      )}
    </AppProviders>
  );
}

const panel = () => screen.getByRole('region', { name: 'Created: Team' });
const shownIds = () =>
  within(panel())
    .getAllByRole('link')
    .map((link) => Number(link.textContent!.slice(1)));

afterEach(() => cleanup());

describe('DrillDownPanel', () => {
  it('shows each ticket’s subject as text, reading only the page on screen', async () => {
    const user = userEvent.setup();
    const subjects = new CountedSubjects();
    render(<Harness subjects={subjects} onExport={() => {}} />);
    await user.click(screen.getByRole('button', { name: 'Open the list' }));
    expect(within(panel()).getByRole('columnheader', { name: 'Subject' })).toBeInTheDocument();
    await waitFor(() => expect(within(panel()).getByText('Subject 250')).toBeInTheDocument());
    expect(subjects.reads).toEqual([
      ROWS.slice(150)
        .map((row) => row.ticket.id)
        .reverse(),
    ]);
    expect(panel().querySelector('img')).toBeNull();
    await user.click(within(panel()).getByRole('button', { name: 'Next page' }));
    await user.click(within(panel()).getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(within(panel()).getByText('<img src=x onerror=alert(1)> Printer')).toBeInTheDocument());
    expect(panel().querySelector('img')).toBeNull();
  });

  it('reaches every ticket behind the number a page at a time, not the first 200', async () => {
    const user = userEvent.setup();
    render(<Harness subjects={new CountedSubjects()} onExport={() => {}} />);
    await user.click(screen.getByRole('button', { name: 'Open the list' }));
    const seen = new Set<number>();
    for (let page = 0; page < Math.ceil(ROWS.length / PAGE_SIZE); page++) {
      for (const id of shownIds()) seen.add(id);
      if (page < 2) await user.click(within(panel()).getByRole('button', { name: 'Next page' }));
    }
    expect(seen.size).toBe(250);
    expect(within(panel()).getByText('Tickets 201–250 of 250')).toBeInTheDocument();
  });

  it('sorts by a column from the keyboard, and exports in the order shown', async () => {
    const user = userEvent.setup();
    const exported = vi.fn<(rows: DrillRow[]) => void>();
    render(<Harness subjects={new CountedSubjects()} onExport={exported} />);
    await user.click(screen.getByRole('button', { name: 'Open the list' }));
    // Newest first by default.
    expect(shownIds()[0]).toBe(250);
    within(panel()).getByRole('button', { name: 'Value' }).focus();
    await user.keyboard('{Enter}');
    expect(shownIds()[0]).toBe(250);
    await user.keyboard(' ');
    expect(shownIds().slice(0, 3)).toEqual([1, 2, 3]);
    await user.click(within(panel()).getByRole('button', { name: 'Export tickets (CSV)' }));
    expect(exported.mock.calls[0]![0].map((row) => row.ticket.id)).toEqual(ROWS.map((row) => row.ticket.id));
  });

  it('sorts subjects as text in the language’s order, reading every subject first, empty ones last', async () => {
    const user = userEvent.setup();
    const exported = vi.fn<(rows: DrillRow[]) => void>();
    // Ticket 3 has no subject; "Subject 9" must come before "Subject 10" (numeric, not by code point)
    // and "école" beside "Ecole", not after "z".
    class Named extends CountedSubjects {
      override async read(ids: readonly number[]) {
        await super.read(ids);
        const named: Record<number, string | null> = { 3: null, 4: 'école', 5: 'Ecole', 6: 'zebra', 7: 'Printer' };
        for (const id of ids) if (id in named) this.known.set(id, named[id]!);
      }
    }
    const subjects = new Named();
    render(<Harness subjects={subjects} onExport={exported} />);
    await user.click(screen.getByRole('button', { name: 'Open the list' }));
    const subjectHeader = within(panel()).getByRole('columnheader', { name: 'Subject' });
    expect(subjectHeader).not.toHaveAttribute('aria-sort', 'ascending');
    await user.click(within(panel()).getByRole('button', { name: 'Subject' }));
    // Every subject read (not only the page's), then the list sorted A to Z.
    await waitFor(() => expect(shownIds()[0]).toBe(5));
    const readIds = new Set(subjects.reads.flat());
    expect(readIds.size).toBe(250);
    expect(within(panel()).getByRole('columnheader', { name: 'Subject' })).toHaveAttribute('aria-sort', 'ascending');
    expect(shownIds().slice(0, 2).sort()).toEqual([4, 5]);
    const order = exported.mock.calls.length;
    await user.click(within(panel()).getByRole('button', { name: 'Export tickets (CSV)' }));
    const ids = exported.mock.calls[order]![0].map((row) => row.ticket.id);
    // Numeric order: 9 before 10 before 100.
    expect(ids.indexOf(9)).toBeLessThan(ids.indexOf(10));
    expect(ids.indexOf(10)).toBeLessThan(ids.indexOf(100));
    expect(ids.indexOf(6)).toBe(248);
    expect(ids.at(-1)).toBe(3);
    // Descending keeps the empty subject last.
    await user.click(within(panel()).getByRole('button', { name: 'Subject' }));
    expect(within(panel()).getByRole('columnheader', { name: 'Subject' })).toHaveAttribute('aria-sort', 'descending');
    expect(shownIds()[0]).toBe(6);
    await user.click(within(panel()).getByRole('button', { name: 'Export tickets (CSV)' }));
    expect(exported.mock.calls.at(-1)![0].at(-1)!.ticket.id).toBe(3);
  });

  it('closes on Escape and gives focus back to what opened it', async () => {
    const user = userEvent.setup();
    render(<Harness subjects={new CountedSubjects()} onExport={() => {}} />);
    const opener = screen.getByRole('button', { name: 'Open the list' });
    await user.click(opener);
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Created: Team' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'Created: Team' })).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});

describe('DrillDownPanel counts', () => {
  it('says "1 ticket", not "1 tickets", and the team\'s counts in the plural rules of the language', () => {
    const one = ROWS.slice(0, 1);
    const { unmount } = render(
      <AppProviders zendeskLocale="en-US" colorScheme="light">
        <DrillDownPanel
          title="Created: yours"
          rows={one}
          teamCounts={{ total: 1, counted: null }}
          valueKind="duration"
          timeZone="UTC"
          nameOf={() => 'Unassigned'}
          onOpenTicket={() => {}}
          onExport={() => {}}
          onClose={() => {}}
          subjects={new CountedSubjects()}
        />
      </AppProviders>,
    );
    expect(screen.getByText('1 ticket')).toBeInTheDocument();
    expect(screen.getByText('The team: 1 ticket behind this number.')).toBeInTheDocument();
    unmount();
    render(
      <AppProviders zendeskLocale="en-US" colorScheme="light">
        <DrillDownPanel
          title="Created: yours"
          rows={ROWS.slice(0, 2)}
          teamCounts={{ total: 2, counted: 1 }}
          valueKind="duration"
          timeZone="UTC"
          nameOf={() => 'Unassigned'}
          onOpenTicket={() => {}}
          onExport={() => {}}
          onClose={() => {}}
          subjects={new CountedSubjects()}
        />
      </AppProviders>,
    );
    expect(screen.getByText('2 tickets')).toBeInTheDocument();
    expect(screen.getByText('The team: 1 of 2 tickets count.')).toBeInTheDocument();
  });
});
