import { useEffect, useMemo, useState } from 'react';
import { ZafTransport } from '../../zendesk/browser/zaf-transport';
import { readBrandNames } from '../../zendesk/directory-refresh';
import { appRules, RequestScheduler } from '../../zendesk/request-scheduler';
import { TicketSubjects } from '../../zendesk/ticket-subjects';
import type { ZafSession } from '../zaf/zaf-session';

export interface ReportLookups {
  /** Brand names by id once read; null while reading, or when the role may not list brands ("#id" then). */
  brandNames: ReadonlyMap<number, string> | null;
  /** The subjects a drill-down list shows, read a page at a time. */
  subjects: TicketSubjects;
}

/**
 * What the report reads beside the pull, as the signed-in user and under the app's limits: the
 * brand names (at once, so the brand filter names brands from its first option on) and the
 * subjects of the tickets a list shows.
 */
export function useReportLookups(session: ZafSession): ReportLookups {
  const scheduler = useMemo(
    () =>
      new RequestScheduler(
        new ZafTransport(session.client, `${session.context.account.subdomain}|user:${session.user.id}`),
        { rules: appRules(), concurrency: 1 },
      ),
    [session],
  );
  const subjects = useMemo(() => new TicketSubjects(scheduler), [scheduler]);
  const [brandNames, setBrandNames] = useState<ReadonlyMap<number, string> | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    readBrandNames(scheduler, controller.signal).then(
      (names) => {
        if (!controller.signal.aborted) setBrandNames(names);
      },
      // Names are a nicety: a failure leaves "#id", and the pull's own errors say what is wrong.
      () => {},
    );
    return () => controller.abort();
  }, [scheduler]);
  return { brandNames, subjects };
}
