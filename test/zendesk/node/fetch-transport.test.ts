import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  baseUrlForSubdomain,
  credentialsFromEnv,
  CredentialsError,
  FetchTransport,
  normalizeBaseUrl,
  type Credentials,
} from '../../../src/zendesk/node/fetch-transport';
import type { TransportError } from '../../../src/zendesk/transport';
import { failure } from '../transport-failure';

const EMAIL = 'Agent.Smith@Example.com';
const TOKEN = 'Zk9sEcReTt0kEn4242';
const OAUTH = 'oauth-SeCrEt-bearer-77';
const apiToken: Credentials = { kind: 'api-token', email: EMAIL, token: TOKEN };
const oauth: Credentials = { kind: 'oauth', token: OAUTH };

const ticketsBody = { tickets: [{ id: 1, status: 'open' }], end_of_stream: true };
const htmlError = `<!DOCTYPE html><html><head><title>Internal Server Error</title></head><body>${'x'.repeat(800)}</body></html>`;

/** What the server saw of each request, to check what went over the wire. */
const received: { url: string; headers: IncomingMessage['headers'] }[] = [];

function route(request: IncomingMessage, response: ServerResponse): void {
  received.push({ url: request.url ?? '', headers: request.headers });
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  switch (path) {
    case '/api/v2/tickets.json':
    case '/proxy/api/v2/tickets.json':
      response.writeHead(200, {
        'Content-Type': 'application/json; charset=utf-8',
        'X-Rate-Limit': '700',
        'X-Rate-Limit-Remaining': '699',
        'Zendesk-RateLimit-Incremental-Exports': 'total=10; remaining=9; resets=49',
      });
      response.end(JSON.stringify(ticketsBody));
      return;
    case '/echo': {
      // Answers with what it was sent, for the writes of `publish`.
      let text = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (text += chunk));
      request.on('end', () => {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(
          JSON.stringify({ method: request.method, type: request.headers['content-type'] ?? null, body: text || null }),
        );
      });
      return;
    }
    case '/truncated': {
      // No Content-Length: the body is chunked, so the cut is only visible in the JSON.
      const json = JSON.stringify(ticketsBody);
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.write(json.slice(0, Math.floor(json.length / 2)));
      response.end();
      return;
    }
    case '/cut-off': {
      const json = JSON.stringify(ticketsBody);
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(json.length) });
      response.write(json.slice(0, 10));
      setTimeout(() => response.destroy(), 20);
      return;
    }
    case '/html-500':
      response.writeHead(500, { 'Content-Type': 'text/html' });
      response.end(htmlError);
      return;
    case '/html-200':
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end('<html>Please sign in</html>');
      return;
    case '/forbidden':
      response.writeHead(403, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ error: 'Forbidden', description: 'You do not have access' }));
      return;
    case '/rate-limited':
      response.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': '7' });
      response.end(JSON.stringify({ error: 'APIRateLimitExceeded' }));
      return;
    case '/empty':
      response.writeHead(204);
      response.end();
      return;
    case '/redirect':
      response.writeHead(302, { Location: '/api/v2/tickets.json' });
      response.end();
      return;
    case '/hang':
      return;
    default:
      response.writeHead(404, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ error: 'InvalidEndpoint', description: 'Not found' }));
  }
}

let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer(route);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function transport(options: { credentials?: Credentials; timeoutMs?: number; base?: string } = {}): FetchTransport {
  return new FetchTransport({
    baseUrl: options.base ?? baseUrl,
    credentials: options.credentials ?? apiToken,
    timeoutMs: options.timeoutMs ?? 5000,
  });
}

/** Every failure message of this file, checked at the end for the secrets. */
const messages: string[] = [];
async function failureNoted(promise: Promise<unknown>): Promise<TransportError> {
  const error = await failure(promise);
  messages.push(error.message, String(error.cause ?? ''), error.stack ?? '');
  return error;
}

describe('authentication', () => {
  it('sends Basic base64("{email}/token:{token}") for an API token', async () => {
    received.length = 0;
    await transport().request({ path: '/api/v2/tickets.json' });
    const expected = `Basic ${Buffer.from(`${EMAIL}/token:${TOKEN}`).toString('base64')}`;
    expect(received[0]?.headers.authorization).toBe(expected);
    expect(Buffer.from(expected.slice('Basic '.length), 'base64').toString()).toBe(
      'Agent.Smith@Example.com/token:Zk9sEcReTt0kEn4242',
    );
    expect(received[0]?.headers.accept).toBe('application/json');
  });

  it('sends Bearer {token} for OAuth', async () => {
    received.length = 0;
    await transport({ credentials: oauth }).request({ path: '/api/v2/tickets.json' });
    expect(received[0]?.headers.authorization).toBe(`Bearer ${OAUTH}`);
  });

  it('keys the account by base URL and lower-cased email, never the token', () => {
    const withToken = transport();
    expect(withToken.accountKey).toBe(`${baseUrl}|agent.smith@example.com`);
    expect(withToken.accountKey).not.toContain(TOKEN);

    const withOauth = transport({ credentials: oauth });
    expect(withOauth.accountKey).toBe(`${baseUrl}|oauth`);
    expect(withOauth.accountKey).not.toContain(OAUTH);

    expect(new FetchTransport({ baseUrl: 'https://acme.zendesk.com/', credentials: apiToken }).accountKey).toBe(
      'https://acme.zendesk.com|agent.smith@example.com',
    );
  });
});

describe('responses', () => {
  it('parses a JSON body and lower-cases the header names', async () => {
    const result = await transport().request({ path: '/api/v2/tickets.json?page[size]=100' });
    expect(result.status).toBe(200);
    expect(result.body).toEqual(ticketsBody);
    expect(result.headers['x-rate-limit']).toBe('700');
    expect(result.headers['x-rate-limit-remaining']).toBe('699');
    expect(result.headers['zendesk-ratelimit-incremental-exports']).toBe('total=10; remaining=9; resets=49');
    expect(result.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Object.keys(result.headers).filter((name) => name !== name.toLowerCase())).toEqual([]);
  });

  it('sends the path and query as given, under a base URL with a path of its own', async () => {
    received.length = 0;
    const proxied = transport({ base: `${baseUrl}/proxy/` });
    const result = await proxied.request({ path: '/api/v2/tickets.json?page[size]=100' });
    expect(result.status).toBe(200);
    expect(received[0]?.url).toBe('/proxy/api/v2/tickets.json?page[size]=100');
  });

  it("turns a 2xx whose JSON was cut short into a retryable 'malformed-body'", async () => {
    const error = await failureNoted(transport().request({ path: '/truncated' }));
    expect(error.failure).toBe('malformed-body');
    expect(error.message).toContain('GET /truncated');
  });

  it("treats a 2xx that is not JSON at all as 'malformed-body'", async () => {
    const error = await failureNoted(transport().request({ path: '/html-200' }));
    expect(error.failure).toBe('malformed-body');
  });

  it("turns a connection dropped mid-body into a 'network' failure", async () => {
    const error = await failureNoted(transport().request({ path: '/cut-off' }));
    expect(error.failure).toBe('network');
    expect(error.message).toMatch(/^GET \/cut-off failed: /);
  });

  it('returns a 500 with an HTML page as an answer, its text cut to 500 characters', async () => {
    const result = await transport().request({ path: '/html-500' });
    expect(result.status).toBe(500);
    expect(result.body).toBe(htmlError.slice(0, 500));
    expect(result.headers['content-type']).toBe('text/html');
  });

  it('returns 4xx and 429 answers with their parsed bodies and headers', async () => {
    const forbidden = await transport().request({ path: '/forbidden' });
    expect(forbidden).toMatchObject({
      status: 403,
      body: { error: 'Forbidden', description: 'You do not have access' },
    });

    const limited = await transport().request({ path: '/rate-limited' });
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('7');
    expect(limited.body).toEqual({ error: 'APIRateLimitExceeded' });
  });

  it('gives an undefined body for an empty answer', async () => {
    const result = await transport().request({ path: '/empty' });
    expect(result.status).toBe(204);
    expect(result.body).toBeUndefined();
  });

  it('refuses to follow a redirect, so the credentials go nowhere else', async () => {
    received.length = 0;
    const error = await failureNoted(transport().request({ path: '/redirect' }));
    expect(error.failure).toBe('network');
    expect(received.map((request) => request.url)).toEqual(['/redirect']);
  });
});

describe('no answer', () => {
  it("turns a server that never answers into 'timeout'", async () => {
    const started = Date.now();
    const error = await failureNoted(transport({ timeoutMs: 150 }).request({ path: '/hang' }));
    expect(error.failure).toBe('timeout');
    expect(error.message).toBe('GET /hang got no answer within 0.15 s');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("turns a refused connection into 'network'", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const error = await failureNoted(
      transport({ base: `http://127.0.0.1:${port}` }).request({ path: '/api/v2/tickets.json' }),
    );
    expect(error.failure).toBe('network');
    expect(error.message).toMatch(/^GET \/api\/v2\/tickets\.json failed: .*ECONNREFUSED/);
  });

  it("turns the caller's abort into 'aborted', not 'timeout'", async () => {
    const controller = new AbortController();
    const pending = transport({ timeoutMs: 5000 }).request({ path: '/hang', signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    const error = await failureNoted(pending);
    expect(error.failure).toBe('aborted');
    expect(error.message).toBe('GET /hang was cancelled');
  });

  it("is 'aborted' at once for a signal already aborted", async () => {
    const error = await failureNoted(transport().request({ path: '/hang', signal: AbortSignal.abort() }));
    expect(error.failure).toBe('aborted');
  });

  it('never puts a token in an error message', async () => {
    // Failures with both kinds of credentials, on top of those noted by the tests above.
    await failureNoted(transport({ credentials: oauth }).request({ path: '/truncated' }));
    await failureNoted(transport({ credentials: oauth, timeoutMs: 100 }).request({ path: '/hang' }));
    expect(messages.length).toBeGreaterThanOrEqual(8 * 3);
    const basic = Buffer.from(`${EMAIL}/token:${TOKEN}`).toString('base64');
    for (const message of messages) {
      expect(message).not.toContain(TOKEN);
      expect(message).not.toContain(OAUTH);
      expect(message).not.toContain(basic);
    }
  });
});

describe('credentialsFromEnv', () => {
  it('reads an API token with its email', () => {
    expect(credentialsFromEnv({ ZENDESK_EMAIL: EMAIL, ZENDESK_API_TOKEN: TOKEN })).toEqual({
      kind: 'api-token',
      email: EMAIL,
      token: TOKEN,
    });
  });

  it('prefers an OAuth token when both are set', () => {
    expect(credentialsFromEnv({ ZENDESK_OAUTH_TOKEN: OAUTH, ZENDESK_EMAIL: EMAIL, ZENDESK_API_TOKEN: TOKEN })).toEqual({
      kind: 'oauth',
      token: OAUTH,
    });
  });

  it.each([
    [{ ZENDESK_API_TOKEN: TOKEN }, 'ZENDESK_API_TOKEN is set but ZENDESK_EMAIL is not: both are needed'],
    [
      { ZENDESK_API_TOKEN: TOKEN, ZENDESK_EMAIL: '' },
      'ZENDESK_API_TOKEN is set but ZENDESK_EMAIL is not: both are needed',
    ],
    [{ ZENDESK_EMAIL: EMAIL }, 'ZENDESK_EMAIL is set but ZENDESK_API_TOKEN is not: both are needed'],
    [{}, 'no credentials: set ZENDESK_EMAIL and ZENDESK_API_TOKEN, or ZENDESK_OAUTH_TOKEN'],
    [
      { ZENDESK_OAUTH_TOKEN: '', ZENDESK_EMAIL: '', ZENDESK_API_TOKEN: '' },
      'no credentials: set ZENDESK_EMAIL and ZENDESK_API_TOKEN, or ZENDESK_OAUTH_TOKEN',
    ],
  ])('rejects %o, saying what is missing', (env, message) => {
    expect(() => credentialsFromEnv(env)).toThrow(CredentialsError);
    expect(() => credentialsFromEnv(env)).toThrow(message);
  });

  it('does not echo the token when the email is missing', () => {
    expect(() => credentialsFromEnv({ ZENDESK_API_TOKEN: TOKEN })).not.toThrow(TOKEN);
  });
});

describe('base URLs', () => {
  it.each([
    ['acme', 'https://acme.zendesk.com'],
    ['ACME', 'https://acme.zendesk.com'],
    ['my-company2', 'https://my-company2.zendesk.com'],
    ['a'.repeat(63), `https://${'a'.repeat(63)}.zendesk.com`],
  ])('maps subdomain %s to %s', (subdomain, url) => {
    expect(baseUrlForSubdomain(subdomain)).toBe(url);
  });

  it.each([
    '',
    'acme.zendesk.com',
    'https://acme',
    '-acme',
    'acme/api',
    'user@acme',
    'ac me',
    'a'.repeat(64),
    'acme_co',
  ])('rejects subdomain %j', (subdomain) => {
    expect(() => baseUrlForSubdomain(subdomain)).toThrow(CredentialsError);
  });

  it.each([
    ['https://acme.zendesk.com', 'https://acme.zendesk.com'],
    ['https://acme.zendesk.com/', 'https://acme.zendesk.com'],
    ['HTTPS://ACME.Zendesk.com/', 'https://acme.zendesk.com'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['https://proxy.example.com/zendesk///', 'https://proxy.example.com/zendesk'],
    ['https://acme.zendesk.com:443/?q=1#top', 'https://acme.zendesk.com'],
  ])('normalizes %s to %s', (url, normalized) => {
    expect(normalizeBaseUrl(url)).toBe(normalized);
  });

  it.each([
    ['ftp://files.example.com', 'is not an http(s) URL'],
    ['file:///etc/passwd', 'is not an http(s) URL'],
    ['javascript:alert(1)', 'is not an http(s) URL'],
    ['acme.zendesk.com', 'is not a URL'],
    ['not a url', 'is not a URL'],
    ['https://agent:hunter2@acme.zendesk.com', 'the URL must not carry credentials'],
    ['https://agent@acme.zendesk.com', 'the URL must not carry credentials'],
  ])('rejects %s', (url, message) => {
    expect(() => normalizeBaseUrl(url)).toThrow(CredentialsError);
    expect(() => normalizeBaseUrl(url)).toThrow(message);
  });

  it('does not repeat a password from the URL in its error, whatever the scheme', () => {
    for (const url of ['https://agent:hunter2@acme.zendesk.com', 'ftp://agent:hunter2@files.example.com']) {
      let message = '';
      try {
        normalizeBaseUrl(url);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).not.toBe('');
      expect(message).not.toContain('hunter2');
    }
  });

  it('rejects a bad base URL when the transport is made', () => {
    expect(
      () => new FetchTransport({ baseUrl: 'https://agent:hunter2@acme.zendesk.com', credentials: apiToken }),
    ).toThrow(CredentialsError);
  });
});

describe('FetchTransport writes', () => {
  it('sends the method and a JSON body with its content type', async () => {
    const answer = await transport().request({ path: '/echo', method: 'PATCH', body: { record: { name: 'ä' } } });
    expect(answer.body).toEqual({ method: 'PATCH', type: 'application/json', body: '{"record":{"name":"ä"}}' });
  });

  it('sends a GET without a body or a content type', async () => {
    const answer = await transport().request({ path: '/echo' });
    expect(answer.body).toEqual({ method: 'GET', type: null, body: null });
  });
});
