/**
 * `GET /api/v2/ticket_fields` (https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_fields/):
 * the system fields every account has, then the account's custom fields, each with the keys of
 * the recorded list (test/fixtures/zendesk/embulk/ticket_fields.json).
 */

const SYSTEM_FIELDS: readonly { type: string; title: string; description: string; portal: boolean }[] = [
  { type: 'subject', title: 'Subject', description: '', portal: true },
  {
    type: 'description',
    title: 'Description',
    description:
      'Please enter the details of your request. A member of our support staff will respond as soon as possible.',
    portal: true,
  },
  { type: 'status', title: 'Status', description: 'Request status', portal: false },
  { type: 'tickettype', title: 'Type', description: 'Request type', portal: false },
  { type: 'priority', title: 'Priority', description: 'Request priority', portal: false },
  { type: 'group', title: 'Group', description: 'Request group', portal: false },
  { type: 'assignee', title: 'Assignee', description: 'Agent assigned to your request', portal: true },
];

/** Field ids of the system fields: before the custom ones, as an account's first fields are. */
const SYSTEM_FIELD_FIRST_ID = 360_015_417_093;
const CREATED = '2019-02-20T06:50:45Z';

export interface CustomFieldDefinition {
  id: number;
  type: string;
  title: string;
}

export function renderTicketFields(url: string, custom: readonly CustomFieldDefinition[]): Record<string, unknown>[] {
  const field = (id: number, type: string, title: string, description: string, portal: boolean, position: number) => ({
    url: `${url}/api/v2/ticket_fields/${id}.json`,
    id,
    type,
    title,
    raw_title: title,
    description,
    raw_description: description,
    position,
    active: true,
    required: false,
    collapsed_for_agents: false,
    regexp_for_validation: null,
    title_in_portal: title,
    raw_title_in_portal: title,
    visible_in_portal: portal,
    editable_in_portal: portal,
    required_in_portal: false,
    tag: null,
    created_at: CREATED,
    updated_at: CREATED,
    removable: !SYSTEM_FIELDS.some((system) => system.type === type),
    agent_description: null,
  });
  return [
    ...SYSTEM_FIELDS.map((system, index) =>
      field(
        SYSTEM_FIELD_FIRST_ID + index * 20,
        system.type,
        system.title,
        system.description,
        system.portal,
        index + 1,
      ),
    ),
    ...custom.map((definition, index) =>
      field(definition.id, definition.type, definition.title, '', false, SYSTEM_FIELDS.length + index + 1),
    ),
  ];
}
