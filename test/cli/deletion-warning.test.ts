import { describe, expect, it } from 'vitest';
import { deletionWarning } from '../../src/cli/live-account';

/** What the CLI says about deleted tickets a role could not see (issue 13: say what the role cannot see). */
describe('deletionWarning', () => {
  it('says nothing when the export or the deleted-tickets list told every deletion, or no check was due', () => {
    expect(deletionWarning({ method: 'incremental-export', removed: 3, unseen: [] })).toBeNull();
    expect(deletionWarning({ method: 'deleted-tickets', removed: 2, unseen: [] })).toBeNull();
    expect(deletionWarning({ method: 'not-due', removed: 0, unseen: [] })).toBeNull();
  });

  it('says what a recheck of the unsolved tickets cannot see, and how many it dropped', () => {
    const text = deletionWarning({ method: 'unsolved-recheck', removed: 4, unseen: ['deleted-solved-tickets'] });
    expect(text).toMatch(/may not list deleted tickets/);
    expect(text).toMatch(/\(4 deleted since the last pull, dropped\)/);
    expect(text).toMatch(/solved or closed ticket deleted after it was read still counts/);
  });
});
