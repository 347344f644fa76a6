import type { RouteObject } from 'react-router';
import { paths } from '../../paths';

/** The calendar page, loaded on first visit. */
export const calendarRoutes: RouteObject[] = [
  {
    path: paths.calendar,
    lazy: async () => ({ Component: (await import('./calendar-page')).CalendarPage }),
  },
];
