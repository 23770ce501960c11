import {
  handleClientMessage,
  parseClientMessage,
  zafUserFromApi,
  type FetchLike,
  type ZafHostActions,
  type ZafHostState,
} from '../zaf-host';
import { activate, instances, post } from './app-frames';
import { config } from './config';
import { toast } from './layout';
import { navigate } from './routing';
import { state } from './session';
import { tabs } from './ticket-tabs';

/** The page's side of ZAF: what zaf-host.ts needs to know about the page, and what it may do to it. */

function hostState(): ZafHostState {
  return {
    metadata: {
      appId: 1,
      installationId: 1001,
      name: config.app.name,
      version: config.app.version,
      settings: state.settings,
      plan: { name: 'emulator' },
    },
    subdomain: config.subdomain,
    currentUser: zafUserFromApi(state.user.user, {
      locale: state.locale,
      groups: state.user.groups,
      customRoleId: state.user.customRole?.id ?? null,
    }),
    colorScheme: state.scheme,
    viewport: { width: window.innerWidth, height: window.innerHeight },
    instances: [...instances.values()].map(({ guid, location: where, ticketId }) => ({
      guid,
      location: where,
      ticketId,
    })),
    ticket: (id) => tabs.get(id)?.zafTicket ?? null,
  };
}

const actions: ZafHostActions = {
  resize(target, size) {
    const instance = instances.get(target.guid);
    // The sidebar's width is the apps tray's (a "flexible" app); the nav-bar page fills the view.
    if (instance?.location === 'ticket_sidebar' && size.height) instance.iframe.style.height = size.height;
  },
  routeTo(target, id) {
    if (target === 'ticket') {
      if (id === null || !/^\d+$/.test(id)) return 'routeTo "ticket" needs a ticket id';
      navigate({ view: 'ticket', id: Number(id) });
      return null;
    }
    if (target === 'nav_bar') {
      const ours = [config.app.slug, config.app.name, '1', '1001'];
      if (id !== null && !ours.includes(id)) return `no nav-bar app "${id}" is installed in the local Zendesk`;
      navigate({ view: 'app', slug: config.app.slug });
      return null;
    }
    if (target === 'views' || target === 'tickets') {
      navigate({ view: 'tickets' });
      return null;
    }
    return `routeTo "${target}" is not available in the local Zendesk (it has tickets and this app's nav-bar page)`;
  },
  notify(message, kind, durationMs) {
    toast(message, kind, durationMs);
  },
};

const fetchForApps: FetchLike = (url, init) => fetch(url, init);

export function listenToApps(): void {
  window.addEventListener('message', (event) => {
    // Only our iframes, and only while they show the app's origin (not a page it navigated to).
    if (event.origin !== config.appOrigin) return;
    const instance = [...instances.values()].find((candidate) => candidate.iframe.contentWindow === event.source);
    if (!instance) return;
    const message = parseClientMessage(event.data);
    if (!message) return;
    void handleClientMessage(message, instance, hostState(), actions, fetchForApps, location.origin).then((handled) => {
      if (!instances.has(instance.guid)) return; // reloaded or closed meanwhile
      for (const out of handled.outgoing) {
        const to = instances.get(out.to);
        if (to) post(to, out.message);
      }
      if (handled.registered && !instance.registered) {
        instance.registered = true;
        if (instance.visible) activate(instance);
      }
    });
  });
}
