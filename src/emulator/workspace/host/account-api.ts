import type { ZafPerson } from '../zaf-host';
import type { Json } from './config';
import { state } from './session';

/** The emulated API as the signed-in user (the session cookie), and the names the page shows. */

export async function api(path: string): Promise<Json> {
  const response = await fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  const body = (await response.json().catch(() => ({}))) as Json;
  if (!response.ok)
    throw new Error(`${response.status} ${String(body['description'] ?? body['error'] ?? response.statusText)}`);
  return body;
}

/** A link the API returned, as a path on this origin. */
export const samePath = (link: string) => {
  const url = new URL(link, location.origin);
  return `${url.pathname}${url.search}`;
};

export const people = new Map<number, ZafPerson>();
export const groups = new Map<number, string>();

export async function loadPeople(ids: Iterable<unknown>): Promise<void> {
  const missing = [...new Set([...ids].filter((id): id is number => typeof id === 'number' && !people.has(id)))];
  for (let i = 0; i < missing.length; i += 100) {
    const body = await api(`/api/v2/users/show_many.json?ids=${missing.slice(i, i + 100).join(',')}`);
    for (const user of (body['users'] as Json[]) ?? [])
      people.set(Number(user['id']), {
        id: Number(user['id']),
        name: String(user['name']),
        email: String(user['email']),
      });
  }
}

export async function loadGroups(): Promise<void> {
  let path: string | null = '/api/v2/groups.json';
  while (path) {
    const body: Json = await api(path);
    for (const group of (body['groups'] as Json[]) ?? []) groups.set(Number(group['id']), String(group['name']));
    path = typeof body['next_page'] === 'string' ? samePath(body['next_page']) : null;
  }
}

export const personName = (id: unknown) => (typeof id === 'number' ? (people.get(id)?.name ?? `User ${id}`) : '—');
export const groupName = (id: unknown) => (typeof id === 'number' ? (groups.get(id) ?? `Group ${id}`) : '—');

export function formatTime(iso: unknown): string {
  if (typeof iso !== 'string') return '—';
  const timeZone = String(state.user.user['iana_time_zone'] ?? 'UTC');
  return new Intl.DateTimeFormat(state.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
    new Date(iso),
  );
}
