import { api, formatTime, groupName, loadPeople, personName, samePath } from './account-api';
import { PAGE_SIZE, type Json } from './config';
import { h, icon, ICONS, replaceChildren } from './dom';
import { listView } from './layout';

/** The ticket list view: newest first, a page at a time, as the signed-in user may see them. */

let listPath = `/api/v2/tickets.json?page[size]=${PAGE_SIZE}&sort=-id`;

const STATUS_LABEL: Record<string, string> = {
  new: 'New',
  open: 'Open',
  pending: 'Pending',
  hold: 'On-hold',
  solved: 'Solved',
  closed: 'Closed',
};
export const statusPill = (status: unknown) =>
  h('span', { class: `status status--${String(status)}` }, STATUS_LABEL[String(status)] ?? String(status));

export async function renderList(path = listPath): Promise<void> {
  const previousPath = listPath;
  listPath = path;
  const refresh = h(
    'button',
    {
      type: 'button',
      class: 'icon-button',
      'aria-label': 'Refresh',
      title: 'Refresh',
      onclick: () => void renderList(),
    },
    icon(ICONS.refresh),
  );
  const heading = h('header', { class: 'view-header' }, h('h1', {}, 'Recent tickets'), refresh);
  try {
    const body = await api(path);
    const tickets = (body['tickets'] as Json[]) ?? [];
    await loadPeople(tickets.flatMap((ticket) => [ticket['requester_id'], ticket['assignee_id']]));
    const links = (body['links'] ?? {}) as { next?: string | null; prev?: string | null };
    const rows = tickets.map((ticket) =>
      h(
        'tr',
        {},
        h('td', { class: 'num' }, `#${String(ticket['id'])}`),
        h(
          'td',
          {},
          h(
            'a',
            { href: `/agent/tickets/${String(ticket['id'])}`, class: 'ticket-link', dir: 'auto' },
            String(ticket['subject'] ?? ''),
          ),
        ),
        h('td', {}, statusPill(ticket['status'])),
        h('td', {}, personName(ticket['requester_id'])),
        h('td', {}, personName(ticket['assignee_id'])),
        h('td', {}, groupName(ticket['group_id'])),
        h('td', {}, formatTime(ticket['updated_at'])),
      ),
    );
    const pager = h(
      'div',
      { class: 'pager' },
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          disabled: !links.prev,
          onclick: () => links.prev && void renderList(samePath(links.prev)),
        },
        'Newer',
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          disabled: !links.next,
          onclick: () => links.next && void renderList(samePath(links.next)),
        },
        'Older',
      ),
    );
    const table = h(
      'table',
      { class: 'ticket-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...['ID', 'Subject', 'Status', 'Requester', 'Assignee', 'Group', 'Updated'].map((label) =>
            h('th', { scope: 'col' }, label),
          ),
        ),
      ),
      h('tbody', {}, ...rows),
    );
    replaceChildren(listView, heading, tickets.length ? table : h('p', { class: 'muted' }, 'No tickets yet.'), pager);
    if (path !== previousPath) listView.scrollTop = 0;
  } catch (error) {
    replaceChildren(
      listView,
      heading,
      h(
        'p',
        { class: 'error-text' },
        `Could not load tickets: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
  }
}
