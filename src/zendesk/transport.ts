/**
 * One way to send a request (a GET, but for `publish`) to the Zendesk API and get its answer, whatever carries it: the agent's
 * own session through ZAF's `client.request` in the app, or `fetch` with a token in Node.
 * Everything above this interface (scheduling, retries, pagination, caching) is shared.
 */

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface TransportRequest {
  /** Path and query relative to the account, e.g. `/api/v2/groups.json?page[size]=100`. */
  path: string;
  signal?: AbortSignal;
  /** GET unless given: only the CLI's `publish` writes (the app reads, through the agent's session). */
  method?: HttpMethod;
  /** Sent as JSON. */
  body?: unknown;
}

export interface TransportResponse {
  status: number;
  /** Header names in lower case. */
  headers: Readonly<Record<string, string>>;
  /** The parsed JSON body; `undefined` when the body was empty. */
  body: unknown;
}

export interface Transport {
  /** Identifies the account (and the identity used), so caches never mix two accounts. */
  readonly accountKey: string;
  /** Resolves with any HTTP status; rejects only with a TransportError (no answer, or an unreadable one). */
  request(request: TransportRequest): Promise<TransportResponse>;
}

export type TransportFailure = 'network' | 'timeout' | 'malformed-body' | 'aborted';

/** No usable HTTP answer: the connection failed, timed out, or the body was cut off or not JSON. */
export class TransportError extends Error {
  override name = 'TransportError';
  constructor(
    readonly failure: TransportFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Reads a header from a record whose names are lower case. */
export function header(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  return headers[name.toLowerCase()];
}
