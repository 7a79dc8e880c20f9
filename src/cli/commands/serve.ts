import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ServeError, startServer } from '../../server/serve.js';
import { integerOption, parseCommand } from '../args.js';
import { EXIT, UsageError, type CliIo } from '../io.js';

export const SERVE_HELP = `usage: verbatim serve [options]

Serve the dashboard: the corpus overview, articles with every quote, figure
and statement marked at its words, quotes, actors, stances (code statements
there) and figures, in the browser. It runs until Ctrl-C.

It answers on 127.0.0.1 only, unless given --host and --token: then every
request needs the token (open the address printed, which carries it once,
or send 'Authorization: Bearer <token>').

Options:
  --db <path>        database file (default: verbatim.db)
  --port <n>         port (default 4173; 0 for any free port)
  --host <address>   address to listen on (default 127.0.0.1)
  --token <secret>   require this token on every request (needed for any
                     host other than 127.0.0.1, ::1 and localhost)
  -h, --help         this help
`;

/** The built web app: web/dist of the package (src/ and dist/ both sit one level below the package root). */
export const WEB_ROOT = path.resolve(fileURLToPath(new URL('../../..', import.meta.url)), 'web', 'dist');

export async function serveCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand('serve', argv, {
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    token: { type: 'string' },
  });
  if (values.help) {
    io.stdout(SERVE_HELP);
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new UsageError(`serve takes no arguments, only options (not ${JSON.stringify(positionals[0])})\nsee: verbatim serve --help`);
  const port = integerOption('port', values.port, 4173);
  if (port > 65535) throw new UsageError(`--port takes a port from 0 to 65535, not ${port}`);
  if (!existsSync(values.db)) {
    throw new UsageError(`no database at ${values.db}: run 'verbatim analyze <folder> --db ${values.db}' first, or name one with --db`);
  }
  let server;
  try {
    server = await startServer({ dbPath: values.db, port, host: values.host, token: values.token ?? null, webRoot: WEB_ROOT });
  } catch (error) {
    if (error instanceof ServeError) throw new UsageError(error.message);
    throw error;
  }
  const address = values.token === undefined ? server.url : `${server.url}?token=${encodeURIComponent(values.token)}`;
  io.stdout(`dashboard: ${address}\n`);
  if (!existsSync(path.join(WEB_ROOT, 'index.html'))) {
    io.stderr(`note: the web app is not built (no ${path.join(WEB_ROOT, 'index.html')}): run 'npm run build'; the API answers meanwhile (${server.url}api/overview)\n`);
  }
  io.stderr('Ctrl-C to stop\n');
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  io.stderr('stopped\n');
  return EXIT.ok;
}
