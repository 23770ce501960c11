import { NavBarReport } from '../locations/nav-bar-report';
import { mountLocation } from './mount-location';

mountLocation((session) => <NavBarReport session={session} />);
