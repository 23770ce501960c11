import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/zendesk/clock';
import { readBrandNames } from '../../src/zendesk/directory-refresh';
import { RequestScheduler } from '../../src/zendesk/request-scheduler';
import { TicketSubjects } from '../../src/zendesk/ticket-subjects';
import type { Transport, TransportRequest, TransportResponse } from '../../src/zendesk/transport';

/** Brand names and ticket subjects against answers shaped like Zendesk's (its API reference's examples). */

class Answers implements Transport {
  readonly accountKey = 'https://acme.zendesk.com|agent@example.com';
  readonly paths: string[] = [];
  constructor(private readonly answer: (path: string) => TransportResponse) {}
  async request({ path }: TransportRequest): Promise<TransportResponse> {
    this.paths.push(path);
    return this.answer(path);
  }
}

const scheduler = (transport: Transport) =>
  new RequestScheduler(transport, { clock: new VirtualClock(0), random: () => 0.5 });

describe('readBrandNames', () => {
  it('reads every page of brands into names by id, skipping what is not a brand', async () => {
    const transport = new Answers((path) =>
      path.includes('page%5Bafter%5D')
        ? { status: 200, headers: {}, body: { brands: [{ id: 3, name: 'Acme Labs' }], meta: { has_more: false } } }
        : {
            status: 200,
            headers: {},
            body: {
              brands: [{ id: 1, name: 'Acme' }, { id: 2, name: null }, { name: 'no id' }],
              meta: { has_more: true },
              links: { next: 'https://acme.zendesk.com/api/v2/brands.json?page%5Bafter%5D=x&page%5Bsize%5D=100' },
            },
          },
    );
    const names = await readBrandNames(scheduler(transport));
    expect(names).toEqual(
      new Map([
        [1, 'Acme'],
        [3, 'Acme Labs'],
      ]),
    );
    expect(transport.paths).toEqual([
      '/api/v2/brands.json?page[size]=100',
      '/api/v2/brands.json?page%5Bafter%5D=x&page%5Bsize%5D=100',
    ]);
  });

  it.each([403, 404])('gives null (the report says "#id") when Zendesk answers %s', async (status) => {
    const transport = new Answers(() => ({ status, headers: {}, body: { error: 'Forbidden' } }));
    expect(await readBrandNames(scheduler(transport))).toBeNull();
    expect(transport.paths).toHaveLength(1);
  });

  it('says which request failed for a body that is not a brand list', async () => {
    const transport = new Answers(() => ({ status: 200, headers: {}, body: { brand: {} } }));
    await expect(readBrandNames(scheduler(transport))).rejects.toThrow(
      'GET /api/v2/brands.json?page[size]=100 returned a body that is not a list page (no "brands" list)',
    );
  });
});

describe('TicketSubjects', () => {
  it('asks for each id once, 100 a request, and remembers those Zendesk no longer returns', async () => {
    const transport = new Answers((path) => {
      const ids = decodeURIComponent(new URL(path, 'https://x').searchParams.get('ids')!).split(',').map(Number);
      return {
        status: 200,
        headers: {},
        body: { tickets: ids.filter((id) => id !== 5).map((id) => ({ id, subject: id === 6 ? null : `About ${id}` })) },
      };
    });
    const subjects = new TicketSubjects(scheduler(transport));
    const ids = Array.from({ length: 150 }, (_, index) => index + 1);
    const read = await subjects.read(ids);
    expect(read.get(1)).toBe('About 1');
    expect(read.get(5)).toBeNull();
    expect(read.get(6)).toBeNull();
    expect(transport.paths).toHaveLength(2);
    expect(transport.paths[0]).toMatch(/^\/api\/v2\/tickets\/show_many\.json\?ids=1%2C2%2C/);
    await subjects.read([1, 5, 150, 151]);
    expect(transport.paths).toHaveLength(3);
    expect(transport.paths[2]).toBe('/api/v2/tickets/show_many.json?ids=151');
    expect(subjects.peek(151)).toBe('About 151');
    expect(subjects.peek(152)).toBeUndefined();
  });
});
