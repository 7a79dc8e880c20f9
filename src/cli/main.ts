#!/usr/bin/env node
import { closeTerminal, processIo } from './io.js';
import { runCli } from './run-cli.js';

// A reader that stops early (`verbatim export ... | head`) closes the pipe: stop quietly, not with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2), processIo);
closeTerminal();
