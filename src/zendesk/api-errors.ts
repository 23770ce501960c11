/** Errors from the Zendesk API layer, each saying what failed in words a person can act on. */

export class ZendeskApiError extends Error {
  override name = 'ZendeskApiError';
  constructor(
    message: string,
    readonly status: number | null,
    readonly path: string,
  ) {
    super(message);
  }
}

/** Zendesk's own explanation from an error body (`{error, description}` or `{error: {title, message}}`). */
export function zendeskErrorText(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const record = body as Record<string, unknown>;
  const parts: string[] = [];
  const error = record['error'];
  if (typeof error === 'string') parts.push(error);
  else if (typeof error === 'object' && error !== null) {
    const { title, message } = error as Record<string, unknown>;
    if (typeof title === 'string') parts.push(title);
    if (typeof message === 'string') parts.push(message);
  }
  if (typeof record['description'] === 'string') parts.push(record['description']);
  if (Array.isArray(record['errors'])) {
    for (const item of record['errors'].slice(0, 3)) {
      if (typeof item === 'object' && item !== null) {
        const { title, detail } = item as Record<string, unknown>;
        if (typeof title === 'string') parts.push(title);
        if (typeof detail === 'string') parts.push(detail);
      }
    }
  }
  return parts.length > 0 ? parts.join(': ') : null;
}

const STATUS_HINTS: Record<number, string> = {
  401: 'the credentials were refused (check ZENDESK_EMAIL with ZENDESK_API_TOKEN, or ZENDESK_OAUTH_TOKEN)',
  403: 'this user may not call this endpoint (it may need an admin)',
  404: 'not found (check the subdomain or URL)',
};

export function describeHttpFailure(path: string, status: number, body: unknown): string {
  const hint = STATUS_HINTS[status];
  const zendesk = zendeskErrorText(body);
  return `GET ${path} failed with HTTP ${status}${hint ? `: ${hint}` : ''}${zendesk ? ` (Zendesk says: ${zendesk})` : ''}`;
}
