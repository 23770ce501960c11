import type { AccountData } from '../account-data';
import { paginate } from '../list-pagination';
import type { Route } from './route';

/** Brands, offset or cursor paged. */
export function brandRoutes(data: AccountData): Route[] {
  return [
    [
      /^\/api\/v2\/brands(?:\.json)?$/,
      (context) => paginate(data.brands(), context.url, 'brands', (brand) => brand, context.origin).body,
    ],
  ];
}
