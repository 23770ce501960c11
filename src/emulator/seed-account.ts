import { BusinessSchedule, weekdayIntervals, type ScheduleDefinition } from './business-schedule';
import { Random } from './random';
import { surveyAnswers } from './survey-fields';
import type { TicketRestriction } from './ticket-restriction';
import { SYSTEM_AUTHOR, type TicketChanges, type TicketHistory, type TicketUpdate } from './ticket-history';

/**
 * A whole support account, simulated: staff in groups (with a Tier 2 that tickets are escalated
 * to), requesters, two brands, a business-hours schedule, an SLA policy, and tickets that arrive
 * by weekday and hour and live their lives (replies, pending and hold, escalations, reassignments,
 * solves, reopens, satisfaction surveys, closes, a few deletions and merges). Agents differ in
 * speed and quality, so the scorecards differ. Same options, same account.
 *
 * Tickets are simulated past `now` up to `horizonDays` ahead; the API shows only what has happened
 * by the server's current Zendesk time, so the account keeps changing while the emulator runs.
 */

export interface SeedOptions {
  seed: number;
  tickets: number;
  /** Days of history before `now`. */
  days: number;
  now: number;
  /** Days simulated after `now`, revealed as the emulator's clock advances. */
  horizonDays?: number;
  timeZone?: string;
  subdomain?: string;
}

export type StaffRole = 'admin' | 'agent';

export interface StaffMember {
  id: number;
  name: string;
  email: string;
  role: StaffRole;
  /** A custom role, for a team lead who is an agent with more reporting rights. */
  customRole: { id: number; name: string } | null;
  groupIds: number[];
  /** Zendesk's ticket_restriction: null for an agent who may read every ticket (ticket-restriction.ts). */
  ticketRestriction: TicketRestriction | null;
  /** Multiplies reply delays: below 1 is faster than the team. */
  speed: number;
  /** 0 to 1: raises first-contact solves and good ratings, lowers reopens and escalations. */
  quality: number;
  timeZone: string;
  createdAt: number;
}

export interface EndUser {
  id: number;
  name: string;
  email: string;
  createdAt: number;
}

export interface SeedAccount {
  options: Required<SeedOptions>;
  brands: { id: number; name: string; subdomain: string }[];
  groups: { id: number; name: string; description: string }[];
  tier2GroupId: number;
  staff: StaffMember[];
  endUsers: EndUser[];
  scheduleDefinition: ScheduleDefinition;
  schedule: BusinessSchedule;
  slaPolicy: SlaPolicy;
  groupSlaPolicy: GroupSlaPolicy;
  teamLeadRole: { id: number; name: string };
  tickets: TicketHistory[];
}

/** The metrics an SLA policy can target, as Zendesk's `slas.policy_metrics` name them. */
export const SLA_POLICY_METRICS = [
  'first_reply_time',
  'next_reply_time',
  'requester_wait_time',
  'periodic_update_time',
] as const;
export type SlaPolicyMetric = (typeof SLA_POLICY_METRICS)[number];

/** Business-minute targets by ticket priority. */
export type TargetsByPriority = Record<string, number>;

export interface SlaPolicy {
  id: number;
  title: string;
  description: string;
  targets: Record<SlaPolicyMetric, TargetsByPriority>;
  /** `targets.first_reply_time`, under the name the ticket rendering reads. */
  firstReplyMinutesByPriority: TargetsByPriority;
}

/** A group SLA: how long one group may own a ticket (Zendesk's group_ownership_time). */
export interface GroupSlaPolicy {
  id: number;
  title: string;
  description: string;
  groupId: number;
  ownershipMinutesByPriority: TargetsByPriority;
}

/** A priority's target, normal's when the ticket has no priority. */
export function targetFor(targets: TargetsByPriority, priority: string | null): number {
  return targets[priority ?? 'normal'] ?? targets['normal']!;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

const FIRST_NAMES = [
  'Ana',
  'Bo',
  'Chen',
  'Dana',
  'Emeka',
  'Fatima',
  'Gustavo',
  'Hana',
  'Ivan',
  'Jamal',
  'Kirra',
  'Leila',
  'Mateo',
  'Nadia',
  'Oluwaseun',
  'Pavel',
  'Quinn',
  'Rosa',
  'Sanjay',
  'Tomasz',
  'Uma',
  'Vikram',
  'Wen',
  'Ximena',
  'Yusuf',
  'Zara',
  'Aroha',
  'Bjorn',
  'Camila',
  'Dmitri',
  'Esi',
  'Farid',
  'Grace',
  'Hiro',
  'Ines',
  'Jonas',
  'Kemal',
  'Lucia',
  'Malik',
  'Noor',
];
const LAST_NAMES = [
  'Silva',
  'Okafor',
  'Nguyen',
  'Kowalski',
  'Haddad',
  'Moreau',
  'Tanaka',
  'Petrov',
  'Mensah',
  'García',
  'Johansson',
  'Singh',
  'Rahman',
  'Costa',
  'Müller',
  'Ivanova',
  'Adeyemi',
  'Novak',
  'Hughes',
  'Sato',
  'Rossi',
  'Kaya',
  'Lindqvist',
  'Mbeki',
];

const SUBJECTS: Record<string, readonly string[]> = {
  question: [
    'How do I export my invoices?',
    'Can I change the email on my account?',
    'Where do I find my API key?',
    'Is there a dark mode?',
    'How do I add a teammate?',
  ],
  incident: [
    'Login page shows an error',
    'Payment failed twice',
    'App crashes when uploading a file',
    'Emails are not arriving',
    'Sync stopped working',
  ],
  problem: ['Reports are missing yesterday’s data', 'Slow dashboard for all users', 'Webhooks delayed'],
  task: [
    'Please update our billing address',
    'Set up SSO for our team',
    'Cancel my subscription at the end of the month',
  ],
  none: ['Question about my order', 'Need help', 'Feedback on the new release'],
};

const GROUPS = [
  { id: 360_001, name: 'Tier 1 – Email', description: 'First line for email and web form tickets' },
  { id: 360_002, name: 'Tier 1 – Chat & Phone', description: 'Live channels' },
  { id: 360_003, name: 'Billing', description: 'Invoices, refunds and plans' },
  { id: 360_004, name: 'Onboarding', description: 'New customers of the Enterprise brand' },
  { id: 360_005, name: 'Tier 2', description: 'Escalations from Tier 1' },
];
const TIER2 = 360_005;

/** Arrivals by weekday, Sunday first: quiet weekends. */
const WEEKDAY_WEIGHTS = [0.35, 1.2, 1.15, 1.1, 1.05, 0.95, 0.4];
/** Arrivals by local hour: a working-day peak with an evening tail. */
const HOUR_WEIGHTS = [
  0.2, 0.15, 0.1, 0.1, 0.1, 0.2, 0.4, 0.8, 1.4, 1.9, 2.0, 1.9, 1.6, 1.8, 1.9, 1.7, 1.4, 1.0, 0.8, 0.7, 0.6, 0.5, 0.4,
  0.3,
];
/** Mean business minutes to a first reply, by priority, before the agent's speed. */
const FIRST_REPLY_MEAN: Record<string, number> = { urgent: 20, high: 45, normal: 110, low: 220 };

export function seedAccount(input: SeedOptions): SeedAccount {
  const options: Required<SeedOptions> = {
    horizonDays: 14,
    timeZone: 'America/New_York',
    subdomain: 'acme',
    ...input,
  };
  const random = new Random(options.seed);
  const start = options.now - options.days * DAY;
  const end = options.now + options.horizonDays * DAY;

  const scheduleDefinition: ScheduleDefinition = {
    id: 4001,
    name: 'Support hours',
    time_zone: options.timeZone,
    intervals: weekdayIntervals(),
  };
  const schedule = BusinessSchedule.covering(scheduleDefinition, start - 7 * DAY, end + 30 * DAY);

  const teamLeadRole = { id: 9001, name: 'Team lead' };
  const staff = makeStaff(random, start, options.subdomain, options.timeZone, teamLeadRole);
  const endUsers: EndUser[] = Array.from({ length: Math.max(50, Math.ceil(options.tickets / 8)) }, (_, i) => {
    const name = `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
    return {
      id: 50_001 + i,
      name,
      email: `customer${i + 1}@example.com`,
      createdAt: start - random.integer(1, 400) * DAY,
    };
  });

  // Targets loose enough that most tickets meet them and tight enough that slow agents and long
  // pending stretches miss some: the report then has both achievements and breaches to show.
  const firstReply = { urgent: 60, high: 120, normal: 480, low: 960 };
  const slaPolicy: SlaPolicy = {
    id: 7001,
    title: 'Standard SLA',
    description: 'Reply and update targets by priority',
    targets: {
      first_reply_time: firstReply,
      next_reply_time: { urgent: 120, high: 240, normal: 480, low: 960 },
      requester_wait_time: { urgent: 480, high: 960, normal: 1920, low: 2880 },
      periodic_update_time: { urgent: 240, high: 480, normal: 960, low: 1440 },
    },
    firstReplyMinutesByPriority: firstReply,
  };
  const groupSlaPolicy: GroupSlaPolicy = {
    id: 7101,
    title: 'Tier 2 ownership',
    description: 'How long Tier 2 may hold an escalated ticket',
    groupId: TIER2,
    ownershipMinutesByPriority: { urgent: 480, high: 960, normal: 1920, low: 2880 },
  };

  // Arrival times over history and horizon, in order, so ticket ids grow with creation time.
  const totalDays = options.days + options.horizonDays;
  const ticketCount = Math.round((options.tickets * totalDays) / options.days);
  const arrivals = arrivalTimes(random, ticketCount, start, totalDays, options.timeZone);

  const context: SimulationContext = { random, schedule, staff, endUsers, end, seed: options.seed };
  const tickets = arrivals.map((createdAt, i) => simulateTicket(context, i + 1, createdAt));

  return {
    options,
    brands: [
      { id: 1, name: 'Acme', subdomain: options.subdomain },
      { id: 2, name: 'Acme Enterprise', subdomain: `${options.subdomain}-enterprise` },
    ],
    groups: GROUPS.map((group) => ({ ...group })),
    tier2GroupId: TIER2,
    staff,
    endUsers,
    scheduleDefinition,
    schedule,
    slaPolicy,
    groupSlaPolicy,
    teamLeadRole,
    tickets,
  };
}

function makeStaff(
  random: Random,
  start: number,
  subdomain: string,
  timeZone: string,
  teamLead: { id: number; name: string },
): StaffMember[] {
  const plan: [number, number][] = [
    [360_001, 9],
    [360_002, 8],
    [360_003, 4],
    [360_004, 4],
    [360_005, 5],
  ];
  const staff: StaffMember[] = [];
  const used = new Set<string>();
  const uniqueName = () => {
    for (;;) {
      const name = `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
  const email = (name: string) =>
    `${name
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z ]/g, '')
      .replace(/ /g, '.')}@${subdomain}.example`;
  // The support manager: an admin who reads reports and works no tickets.
  const managerName = uniqueName();
  staff.push({
    id: 10_001,
    name: managerName,
    email: email(managerName),
    role: 'admin',
    customRole: null,
    groupIds: [],
    ticketRestriction: null,
    speed: 1,
    quality: 0.8,
    timeZone,
    createdAt: start - 700 * DAY,
  });
  let nextId = 10_002;
  for (const [groupId, count] of plan) {
    for (let i = 0; i < count; i++) {
      const name = uniqueName();
      // A spread of speeds (0.55–1.8) and qualities (0.35–0.95): some agents stand out either way.
      const speed = Math.round((0.55 + random.next() * 1.25) * 100) / 100;
      const quality = Math.round((0.35 + random.next() * 0.6) * 100) / 100;
      const isLead = groupId === 360_001 && i === 0;
      const isAdmin = groupId === TIER2 && i === 0;
      // Two restricted agents of Zendesk's common kinds, picked by place so the seed's draws stay as they were.
      const restriction: TicketRestriction | null =
        groupId === 360_002 && i === 1 ? 'groups' : groupId === 360_002 && i === 2 ? 'assigned' : null;
      staff.push({
        id: nextId++,
        name,
        email: email(name),
        role: isAdmin ? 'admin' : 'agent',
        customRole: isLead ? teamLead : null,
        groupIds: groupId === TIER2 || random.chance(0.85) ? [groupId] : [groupId, random.pick([360_001, 360_002])],
        ticketRestriction: restriction,
        speed,
        quality,
        timeZone,
        createdAt: start - random.integer(30, 900) * DAY,
      });
    }
  }
  return staff;
}

function arrivalTimes(random: Random, count: number, start: number, days: number, timeZone: string): number[] {
  // Weights per local day and hour; the local hour is read at each day's noon offset, which is
  // exact except for the hour around a DST change, where it shifts an arrival by one hour.
  const formatter = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: 'numeric', hourCycle: 'h23' });
  const weekdayIndex: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
  const slots: [number, number][] = [];
  for (let hour = 0; hour < days * 24; hour++) {
    const instant = start + hour * HOUR;
    const parts = formatter.formatToParts(new Date(instant));
    const weekday = weekdayIndex[parts.find((part) => part.type === 'weekday')!.value]!;
    const localHour = Number(parts.find((part) => part.type === 'hour')!.value);
    // A slow growth over time, as a business gains customers.
    const growth = 0.9 + (0.2 * hour) / (days * 24);
    slots.push([instant, WEEKDAY_WEIGHTS[weekday]! * HOUR_WEIGHTS[localHour]! * growth]);
  }
  const cumulative: number[] = [];
  let total = 0;
  for (const [, weight] of slots) {
    total += weight;
    cumulative.push(total);
  }
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const draw = random.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > draw) hi = mid;
      else lo = mid + 1;
    }
    times.push(slots[lo]![0] + Math.floor((random.next() * HOUR) / 1000) * 1000);
  }
  return times.sort((a, b) => a - b);
}

interface SimulationContext {
  random: Random;
  schedule: BusinessSchedule;
  staff: StaffMember[];
  endUsers: EndUser[];
  end: number;
  seed: number;
}

/** Builds one ticket's updates; stops at the simulation's end, leaving the ticket as it stands. */
function simulateTicket(context: SimulationContext, id: number, createdAt: number): TicketHistory {
  const { random, schedule, staff, endUsers } = context;
  // Later additions to the story (hand-overs after a reply, late escalations, reopened ratings)
  // draw from a generator of their own, so the draws of the main story, and with them every
  // ticket's other facts, stay as they were before they were added.
  const side = new Random(context.seed * 100_003 + id);
  const survey = new Random(context.seed * 200_017 + id);
  const channel = random.weighted([
    ['email', 45],
    ['web', 25],
    ['chat', 14],
    ['api', 6],
    ['voice', 10],
  ] as const);
  const brandId = random.chance(0.72) ? 1 : 2;
  const type = random.weighted([
    ['question', 45],
    ['incident', 25],
    ['problem', 8],
    ['task', 12],
    [null, 10],
  ] as const);
  const priority = random.weighted([
    ['low', 15],
    ['normal', 55],
    ['high', 22],
    ['urgent', 8],
  ] as const);
  const requester = random.pick(endUsers);
  const subject = random.pick(SUBJECTS[type ?? 'none']!);
  const tags = [channel === 'chat' || channel === 'voice' ? 'live' : 'async'];
  const billing = type !== 'problem' && random.chance(0.14);
  if (billing) tags.push('billing');
  if (priority === 'urgent') tags.push('vip');
  const groupId = billing
    ? 360_003
    : brandId === 2 && random.chance(0.3)
      ? 360_004
      : channel === 'chat' || channel === 'voice'
        ? 360_002
        : 360_001;

  const updates: TicketUpdate[] = [];
  let over = false;
  const current = { tags: [...tags] };
  const push = (at: number, authorId: number, changes: TicketChanges, comment?: TicketUpdate['comment']): boolean => {
    // Whole seconds, as audits carry them; each update at least a second after the one before.
    const last = updates[updates.length - 1];
    const whole = Math.floor(at / 1000) * 1000;
    const time = last && whole <= last.at ? last.at + 1000 : whole;
    if (time > context.end) {
      over = true;
      return false;
    }
    updates.push({ at: time, authorId, changes, ...(comment ? { comment } : {}) });
    if (changes.tags) current.tags = changes.tags;
    return true;
  };
  const now = () => updates[updates.length - 1]!.at;
  const agentsIn = (group: number) =>
    staff.filter((member) => member.groupIds.includes(group) && member.groupIds.length > 0);
  const afterBusiness = (from: number, minutes: number) =>
    schedule.addBusinessMinutes(from, Math.max(1, Math.round(minutes)));
  const live = channel === 'chat' || channel === 'voice';

  // A voice call arrives already answered by an agent.
  const firstAgent = random.pick(agentsIn(groupId));
  push(
    createdAt,
    requester.id,
    { status: 'new', group_id: groupId, assignee_id: channel === 'voice' ? firstAgent.id : null, tags: [...tags] },
    { public: true, body: `${subject}\n\nHello, ${subject.toLowerCase()} Could you help?` },
  );

  let agent = channel === 'voice' ? firstAgent : random.pick(agentsIn(groupId));
  let currentGroup: number = groupId;
  // Deletions and merges end a ticket early.
  const fate = random.weighted([
    ['normal', 993],
    ['deleted', 3],
    ['merged', 4],
  ] as const);
  if (fate !== 'normal') {
    const at = createdAt + random.exponential(6 * HOUR);
    if (fate === 'deleted') push(at, staff[0]!.id, { status: 'deleted' });
    else
      push(
        at,
        agent.id,
        { status: 'closed', tags: [...current.tags, 'closed_by_merge'] },
        { public: false, body: `Merged into ticket #${Math.max(1, id - random.integer(1, 50))}.` },
      );
    return history();
  }

  // Pick-up and the first reply.
  // Live channels are answered in minutes while the team is in; outside its hours they wait for it.
  const firstDelay = live ? random.exponential(4) : random.exponential(FIRST_REPLY_MEAN[priority]! * agent.speed);
  let at = live && schedule.isOpen(createdAt) ? createdAt + firstDelay * MINUTE : afterBusiness(createdAt, firstDelay);
  if (random.chance(0.05)) {
    // Picked up by one agent, handed to another in the same group.
    const other = random.pick(
      agentsIn(groupId)
        .filter((member) => member.id !== agent.id)
        .concat(agent),
    );
    if (!push(at, agent.id, { assignee_id: agent.id, status: 'open' })) return history();
    at = afterBusiness(now(), random.exponential(30));
    if (!push(at, agent.id, { assignee_id: other.id })) return history();
    agent = other;
    at = afterBusiness(now(), random.exponential(40 * agent.speed));
  }
  const escalate = (groupId as number) !== TIER2 && random.chance(0.06 + 0.14 * (1 - agent.quality));
  if (escalate) {
    if (
      !push(
        at,
        agent.id,
        { assignee_id: agent.id, status: 'open' },
        { public: false, body: 'Needs Tier 2: reproducing the issue did not help.' },
      )
    ) {
      return history();
    }
    const specialist = random.pick(agentsIn(TIER2));
    const escalationTags = random.chance(0.6) ? [...current.tags, 'escalated'] : current.tags;
    if (
      !push(afterBusiness(now(), random.exponential(20)), agent.id, {
        group_id: TIER2,
        assignee_id: specialist.id,
        tags: escalationTags,
      })
    ) {
      return history();
    }
    agent = specialist;
    currentGroup = TIER2;
    at = afterBusiness(now(), random.exponential(120 * agent.speed));
  }
  // Some tickets need no answer (spam, a duplicate, "never mind"): solved with a private note only.
  if (random.chance(0.04)) {
    push(
      at,
      agent.id,
      { assignee_id: agent.id, status: 'solved' },
      { public: false, body: 'No reply needed: duplicate of an earlier request.' },
    );
    if (!over) push(now() + 4 * DAY, SYSTEM_AUTHOR, { status: 'closed' });
    return history();
  }
  let status: 'open' | 'pending' | 'hold' | 'solved' = replyOutcome(random, agent, type, true);
  if (
    !push(
      at,
      agent.id,
      { assignee_id: agent.id, status },
      {
        public: true,
        body: `Hi ${requester.name.split(' ')[0]}, thanks for reaching out. ${status === 'solved' ? 'This is now sorted.' : 'Could you tell me a bit more?'}`,
      },
    )
  ) {
    return history();
  }

  let reopened = 0;
  for (let round = 0; round < 12 && !over; round++) {
    if (status === 'pending') {
      if (random.chance(0.68)) {
        if (
          !push(
            now() + random.exponential(9 * HOUR),
            requester.id,
            { status: 'open' },
            { public: true, body: 'Here is more detail.' },
          )
        )
          break;
        status = 'open';
      } else {
        // No answer from the requester: the agent solves after three days.
        if (!push(now() + 3 * DAY, agent.id, { status: 'solved' })) break;
        status = 'solved';
      }
    } else if (status === 'open') {
      // After the first reply, some tickets change hands before the next: a shift ends (another
      // agent of the group takes over) or Tier 1 escalates to Tier 2. The first reply and the
      // solve then belong to different agents.
      const handOver = side.next();
      if (handOver < 0.1) {
        const others = agentsIn(currentGroup).filter((member) => member.id !== agent.id);
        if (others.length > 0) {
          const next = side.pick(others);
          if (!push(afterBusiness(now(), side.exponential(20)), agent.id, { assignee_id: next.id })) break;
          agent = next;
        }
      } else if (handOver < 0.16 && currentGroup !== TIER2) {
        const specialist = side.pick(agentsIn(TIER2));
        if (
          !push(
            afterBusiness(now(), side.exponential(15)),
            agent.id,
            { group_id: TIER2, assignee_id: specialist.id, tags: [...current.tags, 'escalated'] },
            { public: false, body: 'Escalating to Tier 2 after the first answer did not help.' },
          )
        )
          break;
        agent = specialist;
        currentGroup = TIER2;
      }
      status = replyOutcome(random, agent, type, false);
      if (
        !push(
          afterBusiness(now(), random.exponential(90 * agent.speed)),
          agent.id,
          { status },
          { public: true, body: status === 'solved' ? 'That should fix it.' : 'Thanks, looking into it.' },
        )
      )
        break;
    } else if (status === 'hold') {
      status = random.chance(0.6) ? 'solved' : 'pending';
      if (
        !push(
          afterBusiness(now(), random.exponential(300)),
          agent.id,
          { status },
          { public: true, body: 'Our engineers have an update.' },
        )
      )
        break;
    } else if (status === 'solved') {
      const solvedAt = now();
      if (reopened < 2 && random.chance(0.04 + 0.12 * (1 - agent.quality))) {
        reopened++;
        if (
          !push(
            solvedAt + random.exponential(20 * HOUR),
            requester.id,
            { status: 'open' },
            { public: true, body: 'This is happening again.' },
          )
        )
          break;
        status = 'open';
        // Often the fix is confirmed without another public reply.
        if (random.chance(0.35)) {
          if (
            !push(
              afterBusiness(now(), random.exponential(60 * agent.speed)),
              agent.id,
              { status: 'solved' },
              { public: false, body: 'Confirmed fixed by phone.' },
            )
          )
            break;
          status = 'solved';
        }
        continue;
      }
      // The satisfaction survey goes out a day after the solve; about half answer it.
      if (random.chance(0.72)) {
        if (!push(solvedAt + DAY, SYSTEM_AUTHOR, { satisfaction: 'offered' })) break;
        if (random.chance(0.5)) {
          const good = random.chance(0.55 + 0.42 * agent.quality);
          if (!push(now() + random.exponential(8 * HOUR), requester.id, { satisfaction: good ? 'good' : 'bad' })) break;
          // A bad rating often comes with "it is still broken": the requester writes back and
          // another agent takes the ticket over and solves it. The rating stays as given, to the
          // agent who held the ticket then (Zendesk sends the survey once).
          if (!good && side.chance(0.35)) {
            if (
              !push(
                now() + side.exponential(6 * HOUR),
                requester.id,
                { status: 'open' },
                { public: true, body: 'Sorry, this is still not working for me.' },
              )
            )
              break;
            const others = agentsIn(currentGroup).filter((member) => member.id !== agent.id);
            const next = others.length > 0 ? side.pick(others) : agent;
            if (!push(afterBusiness(now(), side.exponential(30)), next.id, { assignee_id: next.id })) break;
            agent = next;
            if (
              !push(
                afterBusiness(now(), side.exponential(60 * agent.speed)),
                agent.id,
                { status: 'solved' },
                { public: true, body: 'I have taken this over and fixed the remaining issue.' },
              )
            )
              break;
          }
        }
      }
      const closeAt = Math.max(solvedAt + 4 * DAY, now() + HOUR);
      // The NPS and effort survey goes out with the solve; the survey tool writes the answers
      // into the ticket as the requester gives them, before it closes.
      const answers = surveyAnswers(
        survey,
        agent.quality,
        updates.some((update) => update.changes.satisfaction === 'bad'),
      );
      if (answers) {
        const answeredAt = Math.min(now() + HOUR + survey.exponential(20 * HOUR), closeAt - MINUTE);
        if (answeredAt > now() && !push(answeredAt, requester.id, { custom_fields: answers })) break;
      }
      push(closeAt, SYSTEM_AUTHOR, { status: 'closed' });
      break;
    }
  }
  return history();

  function history(): TicketHistory {
    return { id, requesterId: requester.id, channel, brandId, type, priority, subject, updates };
  }
}

function replyOutcome(
  random: Random,
  agent: StaffMember,
  type: string | null,
  first: boolean,
): 'solved' | 'pending' | 'hold' {
  const solveChance = (first ? 0.18 : 0.42) + (type === 'question' ? 0.15 : 0) + 0.25 * agent.quality;
  const draw = random.next();
  if (draw < solveChance) return 'solved';
  if (draw < solveChance + 0.05) return 'hold';
  return 'pending';
}
