import { TransportError, type Transport, type TransportRequest, type TransportResponse } from '../transport';

/**
 * The app's transport: ZAF's `client.request`, which sends the request as the signed-in agent, so
 * the app never holds a token (https://developer.zendesk.com/api-reference/apps/apps-core-api/client_api/#clientrequestoptions).
 * `httpCompleteResponse` makes it resolve with status and headers; `autoRetry: false` leaves 429s
 * to the scheduler, which knows every limit in play. The SDK itself neither retries nor times out
 * requests (zendesk_app_framework_sdk, lib/client.js) unless given `timeout` (milliseconds, passed
 * on to the request in Zendesk's page); and an answer lost between the frames never comes at all,
 * so the transport also gives up by itself a little later, and the scheduler's slot is freed.
 */

export interface ZafRequestOptions {
  url: string;
  type: 'GET';
  dataType: 'json';
  httpCompleteResponse: true;
  autoRetry: false;
  cors: false;
  timeout: number;
}

/** Zendesk's page gives up after `timeoutMs`; this side waits this much longer for its answer. */
const GRACE_MS = 5000;

export interface ZafRequestClient {
  request(options: ZafRequestOptions): Promise<unknown>;
}

interface CompleteResponse {
  status?: unknown;
  responseJSON?: unknown;
  responseText?: unknown;
  headers?: unknown;
  getAllResponseHeaders?: unknown;
}

function headersOf(response: CompleteResponse): Record<string, string> {
  const headers: Record<string, string> = {};
  if (typeof response.headers === 'object' && response.headers !== null) {
    for (const [name, value] of Object.entries(response.headers as Record<string, unknown>)) {
      if (typeof value === 'string' || typeof value === 'number') headers[name.toLowerCase()] = String(value);
    }
  } else if (typeof response.getAllResponseHeaders === 'function') {
    const raw = String((response.getAllResponseHeaders as () => unknown)());
    for (const line of raw.split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
  }
  return headers;
}

function bodyOf(response: CompleteResponse, path: string, status: number): unknown {
  if (response.responseJSON !== undefined) return response.responseJSON;
  if (typeof response.responseText !== 'string' || response.responseText.length === 0) return undefined;
  try {
    return JSON.parse(response.responseText);
  } catch {
    if (status >= 200 && status < 300) {
      throw new TransportError('malformed-body', `GET ${path} returned a body that is not complete JSON`);
    }
    return response.responseText.slice(0, 500);
  }
}

export class ZafTransport implements Transport {
  constructor(
    private readonly client: ZafRequestClient,
    /** For example `acme|user:123`: the cache of one agent never serves another. */
    readonly accountKey: string,
    /** Per request (default 60 s), as the Node transport: a hung request becomes a retryable timeout. */
    private readonly timeoutMs = 60_000,
  ) {}

  /** ZAF's answer, or a TransportError once the request was cancelled or no answer came in time. */
  private send(path: string, signal: AbortSignal | undefined): Promise<unknown> {
    const request = this.client.request({
      url: path,
      type: 'GET',
      dataType: 'json',
      httpCompleteResponse: true,
      autoRetry: false,
      cors: false,
      timeout: this.timeoutMs,
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort: (() => void) | undefined;
    const givenUp = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new TransportError('timeout', `GET ${path} got no answer within ${this.timeoutMs / 1000} s`)),
        this.timeoutMs + Math.min(GRACE_MS, this.timeoutMs),
      );
      onAbort = () => reject(new TransportError('aborted', `GET ${path} was cancelled`));
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    return Promise.race([request, givenUp]).finally(() => {
      clearTimeout(timer);
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    });
  }

  async request({ path, signal }: TransportRequest): Promise<TransportResponse> {
    if (signal?.aborted) throw new TransportError('aborted', `GET ${path} was cancelled`);
    let outcome: unknown;
    try {
      outcome = await this.send(path, signal);
    } catch (rejection) {
      if (rejection instanceof TransportError) throw rejection;
      // ZAF rejects on any non-2xx with the same complete response; status 0 means no answer.
      const response = (typeof rejection === 'object' && rejection !== null ? rejection : {}) as CompleteResponse;
      const status = typeof response.status === 'number' ? response.status : 0;
      if (status === 0) {
        // jQuery in Zendesk's page reports its own timeout as status 0, statusText "timeout".
        if ((response as { statusText?: unknown }).statusText === 'timeout')
          throw new TransportError('timeout', `GET ${path} got no answer within ${this.timeoutMs / 1000} s`);
        const reason = rejection instanceof Error ? rejection.message : 'no answer';
        throw new TransportError('network', `GET ${path} failed: ${reason}`);
      }
      return { status, headers: headersOf(response), body: bodyOf(response, path, status) };
    }
    if (signal?.aborted) throw new TransportError('aborted', `GET ${path} was cancelled`);
    const response = (typeof outcome === 'object' && outcome !== null ? outcome : {}) as CompleteResponse;
    const status = typeof response.status === 'number' ? response.status : 200;
    return { status, headers: headersOf(response), body: bodyOf(response, path, status) };
  }
}
