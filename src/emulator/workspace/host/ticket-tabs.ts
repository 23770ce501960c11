import { eventMessage, ticketChangeEvents, zafTicketFromApi, type ZafTicket } from '../zaf-host';
import { api, formatTime, groupName, groups, loadPeople, people, personName, samePath } from './account-api';
import { broadcast, createInstance, destroyInstance, type HostInstance } from './app-frames';
import { config, type Json } from './config';
import { h, icon, ICONS, replaceChildren } from './dom';
import { tabStrip, ticketViews } from './layout';
import { statusPill } from './ticket-list';

/** Ticket tabs: each ticket's properties and conversation, with the app in its sidebar. */

export interface TicketTab {
  id: number;
  button: HTMLElement;
  root: HTMLElement;
  body: HTMLElement;
  tray: HTMLElement;
  ticket: Json | null;
  zafTicket: ZafTicket | null;
  audits: Json[];
  sidebar: HostInstance | null;
  loading: boolean;
}

export const tabs = new Map<number, TicketTab>();

export function openTab(id: number, onClose: (tab: TicketTab) => void): TicketTab {
  const existing = tabs.get(id);
  if (existing) return existing;
  const label = h('a', { class: 'tab-label', href: `/agent/tickets/${id}`, dir: 'auto' }, `#${id}`);
  const close = h(
    'button',
    { type: 'button', class: 'icon-button tab-close', 'aria-label': `Close ticket #${id}` },
    icon(ICONS.close),
  );
  const button = h('div', { class: 'tab', role: 'tab', 'data-ticket-id': String(id) }, label, close);
  const body = h('div', { class: 'ticket-body' }, h('p', { class: 'muted' }, 'Loading…'));
  const tray = h('div', { class: 'app-slot' });
  const root = h(
    'section',
    { class: 'view ticket-view', 'data-ticket-id': String(id), 'aria-label': `Ticket #${id}` },
    body,
    h(
      'aside',
      { class: 'apps-tray', 'aria-label': 'Apps' },
      h('header', { class: 'apps-tray-header' }, h('span', {}, 'Apps')),
      h('div', { class: 'app-card' }, h('div', { class: 'app-card-title' }, config.app.name), tray),
    ),
  );
  const tab: TicketTab = {
    id,
    button,
    root,
    body,
    tray,
    ticket: null,
    zafTicket: null,
    audits: [],
    sidebar: null,
    loading: false,
  };
  tabs.set(id, tab);
  close.addEventListener('click', () => onClose(tab));
  tabStrip.appendChild(button);
  ticketViews.appendChild(root);
  void loadTicket(tab, 'never');
  return tab;
}

/** Takes a tab off the page; routing decides what is shown instead. */
export function removeTab(tab: TicketTab): void {
  if (tab.sidebar) destroyInstance(tab.sidebar);
  tab.button.remove();
  tab.root.remove();
  tabs.delete(tab.id);
}

async function loadAudits(id: number): Promise<Json[]> {
  const audits: Json[] = [];
  let path: string | null = `/api/v2/tickets/${id}/audits.json`;
  for (let page = 0; path && page < 10; page++) {
    const body: Json = await api(path);
    audits.push(...((body['audits'] as Json[]) ?? []));
    path = typeof body['next_page'] === 'string' ? samePath(body['next_page']) : null;
  }
  return audits;
}

/**
 * (Re)loads a ticket tab. `emit` says when its sidebar apps hear about it: 'always' for the refresh
 * button, 'if-changed' for the background poll, 'never' for the first load.
 */
export async function loadTicket(tab: TicketTab, emit: 'always' | 'if-changed' | 'never'): Promise<void> {
  if (tab.loading) return;
  tab.loading = true;
  try {
    const [body, audits] = await Promise.all([api(`/api/v2/tickets/${tab.id}.json`), loadAudits(tab.id)]);
    const ticket = body['ticket'] as Json;
    await loadPeople([ticket['requester_id'], ticket['assignee_id'], ...audits.map((audit) => audit['author_id'])]);
    const before = tab.zafTicket;
    tab.ticket = ticket;
    tab.audits = audits;
    tab.zafTicket = zafTicketFromApi(ticket, people, groups);
    renderTicket(tab);
    // The app loads once the ticket is there, so its first get('ticket') has an answer.
    if (!tab.sidebar && config.app.pages.ticket_sidebar)
      tab.sidebar = createInstance('ticket_sidebar', tab.id, tab.tray);
    const changed = before !== null && before.updatedAt !== tab.zafTicket.updatedAt;
    if (tab.sidebar && before && (emit === 'always' || (emit === 'if-changed' && changed))) {
      const sidebar = tab.sidebar;
      const lastAuthor = audits.at(-1)?.['author_id'];
      const updater = typeof lastAuthor === 'number' ? (people.get(lastAuthor) ?? null) : null;
      for (const message of ticketChangeEvents(before, tab.zafTicket))
        broadcast(message, (instance) => instance === sidebar);
      // ticket.updated's data is the user who made the update.
      broadcast(eventMessage('ticket.updated', updater), (instance) => instance === sidebar);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    replaceChildren(tab.body, h('p', { class: 'error-text' }, `Could not load ticket #${tab.id}: ${message}`));
  } finally {
    tab.loading = false;
  }
}

function ticketProperties(ticket: Json): HTMLElement {
  const field = (name: string, value: Node | string) => [h('dt', {}, name), h('dd', {}, value)];
  const tags = (ticket['tags'] as string[] | undefined) ?? [];
  return h(
    'dl',
    { class: 'ticket-properties' },
    ...field('Requester', personName(ticket['requester_id'])),
    ...field('Assignee', personName(ticket['assignee_id'])),
    ...field('Group', groupName(ticket['group_id'])),
    ...field('Status', statusPill(ticket['status'])),
    ...field('Priority', String(ticket['priority'] ?? '—')),
    ...field('Type', String(ticket['type'] ?? '—')),
    ...field('Channel', String((ticket['via'] as Json | undefined)?.['channel'] ?? '—')),
    ...field(
      'Tags',
      tags.length ? h('span', { class: 'tags' }, ...tags.map((tag) => h('span', { class: 'tag' }, tag))) : '—',
    ),
    ...field('Created', formatTime(ticket['created_at'])),
    ...field('Updated', formatTime(ticket['updated_at'])),
  );
}

function conversation(audits: Json[]): HTMLElement[] {
  return audits.flatMap((audit) =>
    ((audit['events'] as Json[] | undefined) ?? [])
      .filter((event) => event['type'] === 'Comment')
      .map((event) =>
        h(
          'li',
          { class: `comment${event['public'] === false ? ' comment--internal' : ''}` },
          h(
            'div',
            { class: 'comment-meta' },
            h('strong', {}, personName(event['author_id'] ?? audit['author_id'])),
            event['public'] === false ? h('span', { class: 'badge' }, 'Internal note') : null,
            h('time', { datetime: String(audit['created_at']) }, formatTime(audit['created_at'])),
          ),
          // Comment text is the customer's: rendered as text, never as markup.
          h('div', { class: 'comment-body', dir: 'auto' }, String(event['plain_body'] ?? event['body'] ?? '')),
        ),
      ),
  );
}

export function renderTicket(tab: TicketTab): void {
  const ticket = tab.ticket;
  if (!ticket) return;
  const subject = String(ticket['subject'] ?? '');
  const label = tab.button.querySelector('.tab-label')!;
  label.textContent = `#${tab.id} ${subject}`;
  label.setAttribute('title', subject);
  const refresh = h(
    'button',
    {
      type: 'button',
      class: 'icon-button',
      'aria-label': 'Refresh ticket',
      title: 'Refresh ticket',
      onclick: () => void loadTicket(tab, 'always'),
    },
    icon(ICONS.refresh),
  );
  const comments = conversation(tab.audits);
  replaceChildren(
    tab.body,
    h('aside', { class: 'ticket-side', 'aria-label': 'Ticket properties' }, ticketProperties(ticket)),
    h(
      'div',
      { class: 'ticket-main' },
      h(
        'header',
        { class: 'view-header' },
        h('h1', { class: 'ticket-subject', dir: 'auto' }, subject),
        statusPill(ticket['status']),
        h('span', { class: 'muted' }, `#${tab.id}`),
        refresh,
      ),
      comments.length ? h('ol', { class: 'conversation' }, ...comments) : h('p', { class: 'muted' }, 'No comments.'),
    ),
  );
}

/** Tickets change as the emulator's Zendesk clock runs: re-read open ones and tell their apps. */
export async function pollTickets(): Promise<void> {
  for (const tab of [...tabs.values()]) {
    if (!tab.zafTicket || tab.loading) continue;
    try {
      const body = await api(`/api/v2/tickets/${tab.id}.json`);
      if ((body['ticket'] as Json)['updated_at'] !== tab.zafTicket.updatedAt) await loadTicket(tab, 'if-changed');
    } catch {
      // The next poll tries again; the tab keeps what it showed.
    }
  }
}
