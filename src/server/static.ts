/**
 * The web app's files: only files inside the web root (its real path, so a
 * link pointing out of it is refused), never a path with `..`, `.` files, a
 * backslash or NUL, however encoded. A GET of a path that is no file and has
 * no extension is the app's own route: it gets `index.html`. Without a built
 * web app, `/` says how to build it.
 */
import { realpath, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export const NOT_BUILT = `The dashboard's web app is not built, so there is nothing to show here yet.

Build it from the verbatim folder:

  npm run build

(the web app's sources are in web/, its build goes to web/dist/), then start
'verbatim serve' again. The JSON API already answers, e.g. /api/overview.
`;

function text(body: string, status: number): Response {
  return new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

const notFound = (): Response => text('not found\n', 404);

/** The path's segments, decoded; null when the path does not start with `/` or its encoding does not decode. */
export function decodeSegments(rawPath: string): string[] | null {
  if (!rawPath.startsWith('/')) return null;
  try {
    return rawPath.slice(1).split('/').map((raw) => decodeURIComponent(raw));
  } catch {
    return null;
  }
}

/**
 * A segment that climbs out (`..`, also once decoded from `%2e%2e` or inside
 * `..%2f`), is an absolute path once decoded (`%2fetc`, `C:\`), or holds NUL:
 * never answered but with 404.
 */
export function hostileSegment(segment: string): boolean {
  if (segment.includes('\u0000') || /^(?:[/\\]|[A-Za-z]:)/u.test(segment)) return true;
  return segment.split(/[/\\]/u).some((part) => part === '.' || part === '..');
}

/** A segment that may name a file of the web root: no separator, colon, control character, and not a dot file. */
function fileSegment(segment: string): boolean {
  if (segment.startsWith('.') || /[/\\:]/u.test(segment)) return false;
  for (let i = 0; i < segment.length; i++) {
    const code = segment.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return false;
  }
  return true;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/** The real path of the web root when it holds an index.html; null otherwise. */
async function builtRoot(webRoot: string | null): Promise<string | null> {
  if (webRoot === null) return null;
  try {
    const root = await realpath(webRoot);
    return (await isFile(path.join(root, 'index.html'))) ? root : null;
  } catch {
    return null;
  }
}

async function sendFile(root: string, file: string, immutable: boolean): Promise<Response> {
  let real: string;
  try {
    real = await realpath(file);
  } catch {
    return notFound();
  }
  if (!real.startsWith(`${root}${path.sep}`) || !(await isFile(real))) return notFound();
  const body = await readFile(real);
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': CONTENT_TYPES[path.extname(real).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': String(body.length),
      // Vite names built assets by their content: they never change under one name.
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    },
  });
}

/** A last segment that looks like a file name (`app.js`, `logo.svg`): missing, it is a 404, not the app's route. */
const FILE_NAME = /\.[A-Za-z0-9]{1,8}$/u;

/** Answer a GET (or HEAD) for a path outside /api. */
export async function serveStatic(rawPath: string, webRoot: string | null): Promise<Response> {
  const segments = decodeSegments(rawPath);
  if (segments === null || segments.some(hostileSegment)) return notFound();
  const names = segments.filter((s) => s !== '');
  const last = names[names.length - 1] ?? '';
  const root = await builtRoot(webRoot);
  if (root === null) return names.length === 0 ? text(NOT_BUILT, 200) : FILE_NAME.test(last) ? notFound() : text(NOT_BUILT, 404);
  const index = path.join(root, 'index.html');
  if (names.length === 0) return sendFile(root, index, false);
  if (names.every(fileSegment)) {
    const file = path.join(root, ...names);
    if (await isFile(file)) return sendFile(root, file, names[0] === 'assets');
  }
  // The app's own routes (/actors/<key>, /quotes) get index.html; a missing file does not.
  return FILE_NAME.test(last) ? notFound() : sendFile(root, index, false);
}
