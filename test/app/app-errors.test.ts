import { describe, expect, it } from 'vitest';
import { describeProblem } from '../../src/app/data/app-errors';
import { PullError } from '../../src/zendesk/account-pull';
import { ZendeskApiError } from '../../src/zendesk/api-errors';

const stopped = (cause: unknown) => new PullError('the pull stopped after 3 requests', 3, 0, { cause });

describe('describeProblem', () => {
  it.each([
    [401, 'permission'],
    [403, 'permission'],
    [404, 'not-found'],
    [429, 'rate-limit'],
    [500, 'server-error'],
    [503, 'server-error'],
    [null, 'offline'],
  ] as const)('calls a pull that stopped on HTTP %s a %s problem', (status, kind) => {
    const problem = describeProblem(stopped(new ZendeskApiError('GET /api/v2/groups.json failed', status, '/x')));
    expect(problem).toEqual({ kind, detail: 'the pull stopped after 3 requests' });
  });

  it('calls anything else unknown, keeping its message', () => {
    expect(describeProblem(new Error('boom'))).toEqual({ kind: 'unknown', detail: 'boom' });
  });
});
