#!/usr/bin/env node
// The `zenskar-codegen` command. The generator is TypeScript run through tsx (no build step); this file only
// starts it and turns main()'s result into the process exit code.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./cli.ts');
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`internal error (a bug in zenskar-codegen, please report it):\n${err?.stack ?? String(err)}\n`);
  process.exitCode = 70;
}
