import { z } from 'zod/mini';
import type { ZafSdkClient } from 'zendesk_app_framework_sdk';

/**
 * What the app learns from Zendesk when it starts: who is looking, in which account, language and
 * time zone, and the app's settings. Every value crosses the iframe boundary, so it is validated.
 */

const currentUserSchema = z.object({
  id: z.number(),
  name: z.pipe(
    z.nullish(z.string()),
    z.transform((value) => value ?? ''),
  ),
  email: z.nullish(z.string()),
  /** "admin", "agent", or the id of a custom role. */
  role: z.union([z.string(), z.number()]),
  locale: z.pipe(
    z.nullish(z.string()),
    z.transform((value) => value ?? 'en-US'),
  ),
  timeZone: z.pipe(
    z.nullish(z.object({ ianaName: z.nullish(z.string()) })),
    z.transform((value) => value?.ianaName ?? null),
  ),
  /** The groups this user belongs to: a team lead sees the agents of these groups. */
  groups: z.pipe(
    z.nullish(z.array(z.object({ id: z.number() }))),
    z.transform((value) => (value ?? []).map((group) => group.id)),
  ),
});
export type CurrentUser = z.output<typeof currentUserSchema>;

const contextSchema = z.object({
  location: z.string(),
  account: z.object({ subdomain: z.string() }),
  ticketId: z.nullish(z.number()),
  instanceGuid: z.nullish(z.string()),
});
export type ZafContext = z.output<typeof contextSchema>;

const metadataSchema = z.object({
  appId: z.nullish(z.union([z.number(), z.string()])),
  settings: z.pipe(
    z.nullish(z.record(z.string(), z.unknown())),
    z.transform((value) => value ?? {}),
  ),
});

export interface ZafSession {
  client: ZafSdkClient;
  user: CurrentUser;
  context: ZafContext;
  settings: Record<string, unknown>;
  appId: number | string | null;
  colorScheme: 'light' | 'dark';
}

export class ZafSessionError extends Error {
  override name = 'ZafSessionError';
}

export async function openZafSession(client: ZafSdkClient): Promise<ZafSession> {
  const [metadataRaw, contextRaw, userResult, schemeResult] = await Promise.all([
    client.metadata(),
    client.context(),
    client.get('currentUser'),
    client.get('colorScheme').catch(() => ({ colorScheme: 'light' })),
  ]);
  const metadata = metadataSchema.safeParse(metadataRaw);
  const context = contextSchema.safeParse(contextRaw);
  const user = currentUserSchema.safeParse(userResult['currentUser']);
  if (!metadata.success || !context.success || !user.success) {
    throw new ZafSessionError('Zendesk did not tell the app who is signed in or where it runs');
  }
  return {
    client,
    user: user.data,
    context: context.data,
    settings: metadata.data.settings,
    appId: metadata.data.appId ?? null,
    colorScheme: (schemeResult as { colorScheme?: unknown }).colorScheme === 'dark' ? 'dark' : 'light',
  };
}
