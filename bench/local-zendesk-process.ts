import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import type { EmulatorConfig } from '../src/emulator/main';

/**
 * Starts the local Zendesk in a child process. Zendesk's servers do not share a CPU with the
 * client; in one process the emulator's page rendering and the client's parsing would take turns
 * on one event loop, and the benchmark would charge the emulator's work to the client.
 */

export interface LocalZendeskProcess {
  url: string;
  workspaceUrl: string;
  adminEmail: string;
  /** The emulator's clock when it reported ready (epoch ms, Zendesk time). */
  clockNow: number;
  /** Every ticket the account lists, deleted ones included. */
  tickets: number;
  visibleTickets: number;
  /** Recent tickets that are not deleted, for opening in the workspace (up to six). */
  visibleTicketIds: number[];
  staff: number;
  groups: number;
  close(): Promise<void>;
}

export async function startLocalZendeskProcess(config: EmulatorConfig): Promise<LocalZendeskProcess> {
  const child = spawn(
    process.execPath,
    [
      '--max-old-space-size=8192',
      '--import',
      'tsx',
      join(import.meta.dirname, 'local-zendesk-child.ts'),
      JSON.stringify(config),
    ],
    {
      // Its stdin is this process: when this one ends, however it ends, the child sees the pipe close.
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the local Zendesk exited with code ${code} before it was ready`)));
  });
  const described = JSON.parse(first) as Omit<LocalZendeskProcess, 'close'>;
  return {
    ...described,
    close: async () => {
      child.kill();
      await exited;
    },
  };
}
