import { LABEL_FIELDS, NUMBER_FIELDS, type TicketColumns } from '../../src/zendesk/ticket-columns';

/**
 * The columns as format 2 stored them (caches written before 3): every ticket's numbers
 * interleaved in one Float64Array in NUMBER_FIELDS order, and its labels likewise.
 */
export function interleaved(columns: TicketColumns): Record<string, unknown> {
  const { count } = columns;
  const numbers = new Float64Array(count * NUMBER_FIELDS.length);
  const labels = new Int32Array(count * LABEL_FIELDS.length);
  for (let i = 0; i < count; i++) {
    NUMBER_FIELDS.forEach((field, f) => (numbers[i * NUMBER_FIELDS.length + f] = columns.numbers[field][i]!));
    LABEL_FIELDS.forEach((field, f) => (labels[i * LABEL_FIELDS.length + f] = columns.labels[field][i]!));
  }
  return { ...columns, format: 'ticket-columns-2', numbers, labels };
}
