import type { AccountData } from '../account-data';
import { paginate } from '../list-pagination';
import type { Route } from './route';

/** Groups, offset or cursor paged. */
export function groupRoutes(data: AccountData): Route[] {
  return [
    [
      /^\/api\/v2\/groups(?:\.json)?$/,
      (context) => paginate(data.groups(), context.url, 'groups', (group) => group, context.origin).body,
    ],
  ];
}
