/**
 * Checks the built app package (dist/, from npm run build) offline, with the rules Zendesk's
 * validator applies; zcli's apps:validate needs a live account. Exit 1 on any error.
 * Run: npm run validate
 */
import { join, resolve } from 'node:path';
import { readAppDir } from '../src/package/read-app';
import { errorsOf, formatIssue, validateApp } from '../src/package/validate-app';

const packageDir = join(resolve(import.meta.dirname, '..'), 'dist');
const issues = validateApp(readAppDir(packageDir));
for (const issue of issues) console.log(formatIssue(issue));
const errors = errorsOf(issues).length;
console.log(errors === 0 ? `${packageDir}: valid` : `${packageDir}: ${errors} error(s)`);
if (errors > 0) process.exitCode = 1;
