import { describe, expect, it } from 'vitest';
import { describeProblem } from '../../src/app/data/app-errors';
import { openZafSession, ZafSessionError } from '../../src/app/zaf/zaf-session';
import { PullError } from '../../src/zendesk/account-pull';
import { ZendeskApiError } from '../../src/zendesk/api-errors';
import { FakeZafClient } from './support/fake-zaf';

describe('openZafSession', () => {
  it('reads the user, the context, the settings and the app id from ZAF', async () => {
    const client = new FakeZafClient(
      { id: 102, name: 'Bob Agent', role: 'agent', locale: 'fa-IR', timeZone: 'Asia/Tehran', groups: [7, 9] },
      { location: 'ticket_sidebar', subdomain: 'acme', ticketId: 13 },
      { manager_roles: 'admin', target_frt_minutes: 30 },
    );
    const session = await openZafSession(client);
    expect(session.client).toBe(client);
    expect(session.user).toEqual({
      id: 102,
      name: 'Bob Agent',
      email: 'user102@acme.example',
      role: 'agent',
      locale: 'fa-IR',
      timeZone: 'Asia/Tehran',
      groups: [7, 9],
    });
    expect(session.context).toMatchObject({ location: 'ticket_sidebar', account: { subdomain: 'acme' }, ticketId: 13 });
    expect(session.settings).toEqual({ manager_roles: 'admin', target_frt_minutes: 30 });
    expect(session.appId).toBe(4242);
    expect(session.colorScheme).toBe('light');
  });

  it('keeps a custom role id, and has defaults for a missing locale and time zone', async () => {
    const client = new FakeZafClient({ id: 5, role: 360001234567, timeZone: null }, { location: 'nav_bar' });
    client.get = async (paths) => {
      const result: Record<string, unknown> = {};
      for (const path of Array.isArray(paths) ? paths : [paths]) {
        if (path === 'currentUser')
          result['currentUser'] = { id: 5, name: null, role: 360001234567, locale: null, timeZone: null };
        if (path === 'colorScheme') throw new Error('not supported here');
      }
      return result;
    };
    const session = await openZafSession(client);
    expect(session.user).toMatchObject({ id: 5, name: '', role: 360001234567, locale: 'en-US', timeZone: null });
    // Without groups from ZAF, the user belongs to none.
    expect(session.user.groups).toEqual([]);
    expect(session.colorScheme).toBe('light');
  });

  it('reads a dark colour scheme', async () => {
    const client = new FakeZafClient({ id: 5, role: 'admin' }, { location: 'nav_bar' });
    const original = client.get.bind(client);
    client.get = async (paths) => (paths === 'colorScheme' ? { colorScheme: 'dark' } : original(paths));
    expect((await openZafSession(client)).colorScheme).toBe('dark');
  });

  it('fails with a ZafSessionError when Zendesk does not say who is signed in', async () => {
    const client = new FakeZafClient({ id: 5, role: 'admin' }, { location: 'nav_bar' });
    client.get = async () => ({ errors: { currentUser: { message: 'nope' } } });
    await expect(openZafSession(client)).rejects.toBeInstanceOf(ZafSessionError);
    const noAccount = new FakeZafClient({ id: 5, role: 'admin' }, { location: 'nav_bar' });
    noAccount.context = async () => ({ location: 'nav_bar' });
    await expect(openZafSession(noAccount)).rejects.toBeInstanceOf(ZafSessionError);
  });
});

describe('describeProblem', () => {
  const failed = (status: number | null) =>
    new PullError('the pull stopped', 1, 0, {
      cause: new ZendeskApiError(`GET /x failed with HTTP ${status}`, status, '/x'),
    });

  it('tells permission, rate limit, not found, offline and server errors apart, through a PullError', () => {
    expect(describeProblem(failed(401)).kind).toBe('permission');
    expect(describeProblem(failed(403)).kind).toBe('permission');
    expect(describeProblem(failed(429)).kind).toBe('rate-limit');
    expect(describeProblem(failed(404)).kind).toBe('not-found');
    expect(describeProblem(failed(null)).kind).toBe('offline');
    expect(describeProblem(failed(500)).kind).toBe('server-error');
    expect(describeProblem(failed(503)).kind).toBe('server-error');
  });

  it('keeps the message as the detail; anything else is unknown', () => {
    expect(describeProblem(new ZendeskApiError('GET /y failed with HTTP 404', 404, '/y'))).toEqual({
      kind: 'not-found',
      detail: 'GET /y failed with HTTP 404',
    });
    expect(describeProblem(new Error('boom'))).toEqual({ kind: 'unknown', detail: 'boom' });
    expect(describeProblem('plain')).toEqual({ kind: 'unknown', detail: 'plain' });
  });
});
