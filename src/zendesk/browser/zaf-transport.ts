import { TransportError, type Transport, type TransportRequest, type TransportResponse } from '../transport';

/**
 * The app's transport: ZAF's `client.request`, which sends the request as the signed-in agent, so
 * the app never holds a token (https://developer.zendesk.com/api-reference/apps/apps-core-api/client_api/#clientrequestoptions).
 * `httpCompleteResponse` makes it resolve with status and headers; `autoRetry: false` leaves 429s
 * to the scheduler, which knows every limit in play. The SDK itself neither retries nor times out
 * requests (zendesk_app_framework_sdk, lib/client.js).
 */

export interface ZafRequestOptions {
  url: string;
  type: 'GET';
  dataType: 'json';
  httpCompleteResponse: true;
  autoRetry: false;
  cors: false;
}

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
  ) {}

  async request({ path, signal }: TransportRequest): Promise<TransportResponse> {
    if (signal?.aborted) throw new TransportError('aborted', `GET ${path} was cancelled`);
    let outcome: unknown;
    try {
      outcome = await this.client.request({
        url: path,
        type: 'GET',
        dataType: 'json',
        httpCompleteResponse: true,
        autoRetry: false,
        cors: false,
      });
    } catch (rejection) {
      // ZAF rejects on any non-2xx with the same complete response; status 0 means no answer.
      const response = (typeof rejection === 'object' && rejection !== null ? rejection : {}) as CompleteResponse;
      const status = typeof response.status === 'number' ? response.status : 0;
      if (status === 0) {
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
