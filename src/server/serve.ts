/**
 * The dashboard's server on a port: the app of `app.ts` over the store at
 * `dbPath`, on loopback unless a token guards it.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { wordIndexOf } from '../search/word-index.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import { createApp } from './app.js';

export interface ServeOptions {
  dbPath: string;
  /** 0 for any free port. */
  port: number;
  /** 127.0.0.1, ::1 or localhost; any other address only with a token. */
  host: string;
  /** When set, every request must carry it. */
  token?: string | null;
  /** The built web app (`web/dist`); null to serve the API only. */
  webRoot: string | null;
}

export interface RunningServer {
  /** `http://127.0.0.1:4173/`: where the dashboard answers (without the token). */
  url: string;
  /** Stop answering, end open connections and close the store. */
  close(): Promise<void>;
}

/** A reason the server cannot start that the user can fix. */
export class ServeError extends Error {
  override name = 'ServeError';
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export const isLoopback = (host: string): boolean => LOOPBACK.has(host.toLowerCase());

function listen(server: ServerType, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE') reject(new ServeError(`port ${port} on ${host} is in use: choose another with --port (0 for any free port)`));
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') reject(new ServeError(`cannot listen on ${host}: no such address on this machine`));
      else if (error.code === 'EACCES') reject(new ServeError(`not allowed to listen on port ${port}: choose one above 1023`));
      else reject(error);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    };
    server.once('error', onError);
    server.once('listening', onListening);
  });
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const token = options.token ?? null;
  if (token !== null && (token.length === 0 || !/^[\x21-\x7e]+$/u.test(token))) {
    throw new ServeError('a token is printable characters without spaces (it travels in an HTTP header and a URL)');
  }
  if (!isLoopback(options.host) && token === null) {
    throw new ServeError(
      `refusing to serve on ${options.host} without a token: anyone who can reach it could read the corpus and change codings. Give --token <secret>, or serve on 127.0.0.1 (the default)`,
    );
  }
  if (!Number.isSafeInteger(options.port) || options.port < 0 || options.port > 65535) throw new ServeError(`a port is a whole number from 0 to 65535, not ${options.port}`);
  if (!existsSync(options.dbPath)) throw new ServeError(`no database at ${options.dbPath}`);
  const store = openSqliteStore(options.dbPath);
  const app = createApp(store, { webRoot: options.webRoot, token });
  const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host });
  let address: AddressInfo;
  try {
    address = await listen(server, options.port, options.host);
  } catch (error) {
    server.close();
    await store.close();
    throw error;
  }
  const host = address.family === 'IPv6' || address.address.includes(':') ? `[${address.address}]` : address.address;
  // The concordance's word index, read while the server waits for its first request (about a second at 100,000
  // articles); a failure (the store closed meanwhile, say) leaves it to be read when first needed.
  void store
    .changeToken()
    .then((changed) => wordIndexOf(store, changed))
    .catch(() => undefined);
  let closing: Promise<void> | null = null;
  return {
    url: `http://${options.host.toLowerCase() === 'localhost' ? 'localhost' : host}:${address.port}/`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections would hold close() open until they time out.
        if ('closeAllConnections' in server) server.closeAllConnections();
      }).then(() => store.close());
      return closing;
    },
  };
}
