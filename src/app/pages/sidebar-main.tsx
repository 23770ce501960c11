import { TicketSidebar } from '../locations/ticket-sidebar';
import { mountLocation } from './mount-location';

mountLocation((session) => <TicketSidebar session={session} />);
