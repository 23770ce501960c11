import { statsStore } from '../data/use-my-stats';
import { TicketSidebar } from '../locations/ticket-sidebar';
import { mountLocation } from './mount-location';

// Created before Zendesk answers the handshake, so the cache is open by the time the pane asks.
const store = statsStore();

mountLocation((session) => <TicketSidebar session={session} store={store} />);
