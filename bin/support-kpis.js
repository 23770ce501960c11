#!/usr/bin/env node
// Runs the TypeScript CLI straight from src/ through tsx, so a checkout works after `npm install`
// with no build step and never runs a stale build.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/bin.ts');
