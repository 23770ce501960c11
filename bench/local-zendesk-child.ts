import { startLocalZendesk, type EmulatorConfig } from '../src/emulator/main';

/**
 * The local Zendesk for a benchmark, in a process of its own (see local-zendesk-process.ts).
 * Reads its config as JSON from argv, prints one JSON line describing the account, and serves
 * until it is killed.
 */
const config = JSON.parse(process.argv[2]!) as EmulatorConfig;
// The parent holds our stdin: once it is gone (finished, killed, timed out), so are we.
process.stdin.on('close', () => process.exit(0));
process.stdin.resume();
const local = await startLocalZendesk(config);
// Render every ticket once before anything is timed: the emulator derives a ticket's JSON on
// first use, and that compute time is not Zendesk's.
local.data.changedTickets({ timestamp: 0, id: 0 }, Math.floor(local.clock.now() / 1000), Number.MAX_SAFE_INTEGER);
// Likewise the indexes of every metric event and rating, built on the first export request; not
// for a case that reads no event stream (sidebar-cost.ts): years of 200k tickets overflow the index.
if (process.env['BENCH_NO_EVENT_STREAMS'] !== '1') {
  local.data.metricEventStream(0, 0, 1);
  local.data.satisfactionRatings(0);
}
const visible = local.data.allTickets(local.clock.now()).filter((version) => version.ticket['status'] !== 'deleted');
process.stdout.write(
  `${JSON.stringify({
    url: local.emulator.url,
    workspaceUrl: local.workspace.url,
    adminEmail: local.admin.email,
    clockNow: local.clock.now(),
    tickets: local.data.allTickets(local.clock.now()).length,
    visibleTicketIds: [10, 20, 30, 40, 50, 60].map((back) => visible.at(-back)?.id).filter((id) => id !== undefined),
    visibleTickets: visible.length,
    staff: local.data.users().filter((user) => user.role !== 'end-user').length,
    groups: local.data.groups().length,
  })}\n`,
);
