import type { AccountData } from '../account-data';
import { paginate } from '../list-pagination';
import { HttpError, NOT_FOUND, type Route } from './route';

/** Users: the signed-in user, one by id, many by ids, and the list by role. */
export function userRoutes(data: AccountData): Route[] {
  return [
    [/^\/api\/v2\/users\/me(?:\.json)?$/, (context) => ({ user: context.user.json })],
    [
      /^\/api\/v2\/users\/show_many(?:\.json)?$/,
      (context) => {
        const ids = new Set((context.url.searchParams.get('ids') ?? '').split(',').filter(Boolean).map(Number));
        if (ids.size > 100) throw new HttpError(400, { error: 'InvalidValue', description: 'at most 100 ids' });
        return {
          users: data
            .users()
            .filter((user) => ids.has(user.id))
            .map((user) => user.json),
        };
      },
    ],
    [
      /^\/api\/v2\/users\/(\d+)(?:\.json)?$/,
      (_context, match) => {
        const user = data.users().find((candidate) => candidate.id === Number(match[1]));
        if (!user) throw new HttpError(404, NOT_FOUND);
        return { user: user.json };
      },
    ],
    [
      /^\/api\/v2\/users(?:\.json)?$/,
      (context) => {
        const roles = [...context.url.searchParams.getAll('role'), ...context.url.searchParams.getAll('role[]')];
        const list = data.users().filter((user) => roles.length === 0 || roles.includes(user.role));
        return paginate(list, context.url, 'users', (user) => user.json, context.origin).body;
      },
    ],
  ];
}
