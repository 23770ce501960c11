import { TransportError, type Transport, type TransportRequest, type TransportResponse } from '../transport';

/**
 * The Node transport: `fetch` with an API token or an OAuth token
 * (https://developer.zendesk.com/api-reference/introduction/security-and-auth/):
 * Basic `{email}/token:{api_token}`, or `Bearer {oauth_token}`.
 * The credentials live only in the Authorization header; they are never part of a message, an
 * error or the account key.
 */

export type Credentials = { kind: 'api-token'; email: string; token: string } | { kind: 'oauth'; token: string };

export interface FetchTransportOptions {
  /** `https://acme.zendesk.com`, or any http(s) base URL (a proxy, a sandbox, the local emulator). */
  baseUrl: string;
  credentials: Credentials;
  /** Per request (default 60 s): a hung connection becomes a retryable timeout. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export class CredentialsError extends Error {
  override name = 'CredentialsError';
}

/** Credentials from ZENDESK_EMAIL + ZENDESK_API_TOKEN, or ZENDESK_OAUTH_TOKEN. */
export function credentialsFromEnv(env: Readonly<Record<string, string | undefined>>): Credentials {
  const oauth = env['ZENDESK_OAUTH_TOKEN'];
  const email = env['ZENDESK_EMAIL'];
  const token = env['ZENDESK_API_TOKEN'];
  if (oauth) return { kind: 'oauth', token: oauth };
  if (email && token) return { kind: 'api-token', email, token };
  if (token && !email) throw new CredentialsError('ZENDESK_API_TOKEN is set but ZENDESK_EMAIL is not: both are needed');
  if (email && !token) throw new CredentialsError('ZENDESK_EMAIL is set but ZENDESK_API_TOKEN is not: both are needed');
  throw new CredentialsError('no credentials: set ZENDESK_EMAIL and ZENDESK_API_TOKEN, or ZENDESK_OAUTH_TOKEN');
}

/**
 * What of a URL or subdomain the user gave may be repeated in an error: nothing that could be a
 * credential (user info before an `@`, a query, a fragment), whether or not the rest parses.
 */
export function redactedUrl(text: string): string {
  return text
    .replace(/[?#].*$/s, '')
    .replace(/^([^/]*\/\/)?[^/]*@/s, (_, scheme: string | undefined) => `${scheme ?? ''}…@`);
}

/** `acme` → `https://acme.zendesk.com`; rejects anything that is not a bare subdomain. */
export function baseUrlForSubdomain(subdomain: string): string {
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/i.test(subdomain)) {
    throw new CredentialsError(
      `"${redactedUrl(subdomain)}" is not a Zendesk subdomain (the "acme" of acme.zendesk.com)`,
    );
  }
  return `https://${subdomain.toLowerCase()}.zendesk.com`;
}

export function normalizeBaseUrl(url: string): string {
  // A URL that does not parse may still carry a password or a token: neither is ever repeated.
  if (/^[^?#]*@/.test(url)) throw new CredentialsError('the URL must not carry credentials; use the environment');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CredentialsError(`"${redactedUrl(url)}" is not a URL`);
  }
  // Credentials first: no message below may repeat a password that came inside the URL.
  if (parsed.username || parsed.password)
    throw new CredentialsError('the URL must not carry credentials; use the environment');
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new CredentialsError(`"${parsed.protocol}" is not an http(s) URL scheme`);
  }
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}

export class FetchTransport implements Transport {
  readonly accountKey: string;
  private readonly baseUrl: string;
  private readonly authorization: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(options: FetchTransportOptions) {
    this.baseUrl = normalizeBaseUrl(options.baseUrl);
    const { credentials } = options;
    this.authorization =
      credentials.kind === 'oauth'
        ? `Bearer ${credentials.token}`
        : `Basic ${Buffer.from(`${credentials.email}/token:${credentials.token}`).toString('base64')}`;
    this.accountKey = `${this.baseUrl}|${credentials.kind === 'oauth' ? 'oauth' : credentials.email.toLowerCase()}`;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.fetchImpl = options.fetch ?? fetch;
  }

  async request({ path, signal, method = 'GET', body: payload }: TransportRequest): Promise<TransportResponse> {
    const url = `${this.baseUrl}${path}`;
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(url, {
        method,
        headers: {
          Authorization: this.authorization,
          Accept: 'application/json',
          ...(payload === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
        signal: combined,
        redirect: 'error',
      });
      text = await response.text();
    } catch (error) {
      if (signal?.aborted) throw new TransportError('aborted', `${method} ${path} was cancelled`);
      if (timeout.aborted)
        throw new TransportError('timeout', `${method} ${path} got no answer within ${this.timeoutMs / 1000} s`);
      const cause =
        error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      throw new TransportError('network', `${method} ${path} failed: ${cause}`);
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    let body: unknown;
    if (text.length > 0) {
      try {
        body = JSON.parse(text);
      } catch {
        // A 2xx whose JSON is cut off is a dropped connection, and worth a retry; an error page in
        // HTML is still an answer, with its status.
        if (response.ok) {
          throw new TransportError(
            'malformed-body',
            `${method} ${path} returned ${text.length} bytes that are not complete JSON`,
          );
        }
        body = text.slice(0, 500);
      }
    }
    return { status: response.status, headers, body };
  }
}
