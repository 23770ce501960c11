import { eventMessage, type ZafInstance, type ZafLocation } from '../zaf-host';
import { config, type Json } from './config';
import { h } from './dom';
import { state } from './session';

/**
 * The app's iframes: one per location instance, from the app's origin, each activated while it is
 * in view and deactivated when it leaves it, as Zendesk does.
 */

export interface HostInstance extends ZafInstance {
  iframe: HTMLIFrameElement;
  registered: boolean;
  visible: boolean;
  activatedOnce: boolean;
}

export const instances = new Map<string, HostInstance>();

function frameSrc(where: ZafLocation, guid: string): string {
  const page = where === 'ticket_sidebar' ? config.app.pages.ticket_sidebar : config.app.pages.nav_bar;
  // The SDK reads exactly these two parameters; origin must equal this page's origin.
  return `${config.appOrigin}/${page}?origin=${encodeURIComponent(location.origin)}&app_guid=${guid}`;
}

export function createInstance(where: ZafLocation, ticketId: number | null, container: HTMLElement): HostInstance {
  const guid = crypto.randomUUID();
  const iframe = h('iframe', {
    class: `app-frame app-frame--${where}`,
    title: config.app.name,
    src: frameSrc(where, guid),
    'data-app-guid': guid,
    'data-location': where,
    // As in Zendesk: scripts and same-origin storage, forms, popups and downloads (CSV exports).
    sandbox:
      'allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-downloads allow-modals',
  });
  const instance: HostInstance = {
    guid,
    location: where,
    ticketId,
    iframe,
    registered: false,
    visible: isVisible(where, ticketId),
    activatedOnce: false,
  };
  instances.set(guid, instance);
  container.appendChild(iframe);
  return instance;
}

export function destroyInstance(instance: HostInstance): void {
  if (instance.registered) post(instance, eventMessage('app.willDestroy'));
  instances.delete(instance.guid);
  instance.iframe.remove();
}

/** A fresh iframe with a new guid in the same place, as Zendesk's "reload all apps" does. */
export function reloadInstance(instance: HostInstance): HostInstance {
  const container = instance.iframe.parentElement!;
  destroyInstance(instance);
  return createInstance(instance.location, instance.ticketId, container);
}

export function post(instance: HostInstance, message: Json): void {
  instance.iframe.contentWindow?.postMessage(JSON.stringify(message), config.appOrigin);
}

export function broadcast(message: Json, filter: (instance: HostInstance) => boolean = () => true): void {
  for (const instance of instances.values()) if (instance.registered && filter(instance)) post(instance, message);
}

function isVisible(where: ZafLocation, ticketId: number | null): boolean {
  return where === 'nav_bar' ? state.view.view === 'app' : state.view.view === 'ticket' && state.view.id === ticketId;
}

export function activate(instance: HostInstance): void {
  const firstLoad = !instance.activatedOnce;
  instance.activatedOnce = true;
  post(instance, eventMessage('app.activated', { firstLoad }));
  post(instance, eventMessage('pane.activated', { firstLoad }));
}

/** After a view change: apps that came into view are activated, those that left are deactivated. */
export function updateActivation(): void {
  for (const instance of instances.values()) {
    const visible = isVisible(instance.location, instance.ticketId);
    if (visible === instance.visible) continue;
    instance.visible = visible;
    if (!instance.registered) continue; // activated once registered
    if (visible) activate(instance);
    else {
      post(instance, eventMessage('app.deactivated'));
      post(instance, eventMessage('pane.deactivated'));
    }
  }
}
