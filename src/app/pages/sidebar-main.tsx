import { preloadStats, statsKey, statsStore } from '../data/use-my-stats';
import { TicketSidebar } from '../locations/ticket-sidebar';
import { mountLocation } from './mount-location';

// Created before Zendesk answers the handshake, so the cache is open by the time the pane asks,
// and read as soon as the agent is known, while the pane renders for the first time.
const store = statsStore();

mountLocation(
  (session) => <TicketSidebar session={session} store={store} />,
  (session) => preloadStats(store, statsKey(session)),
);
