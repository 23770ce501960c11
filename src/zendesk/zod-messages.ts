import { z } from 'zod/mini';

/**
 * zod/mini carries no messages: every issue would read "Invalid input". The warnings and errors
 * that quote an issue (describeIssues, a team summary's reason) say what was wrong, as classic zod
 * did, so its English messages are set here, once, for every schema, before any of them parses.
 * Imported for this effect by the modules that read `issue.message`.
 */
z.config(z.locales.en());
