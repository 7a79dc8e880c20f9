/**
 * What keeps the dashboard to its user: strict headers on every response; a
 * token when one is set (a bearer header, or `?token=` once, which becomes an
 * HttpOnly SameSite=Strict cookie); without a token, only requests addressed
 * to a loopback name (a page elsewhere cannot reach the server by rebinding a
 * name of its own to 127.0.0.1); and no changes from another site's page.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export const isApiPath = (path: string): boolean => path === '/api' || path.startsWith('/api/');

/** An error for the client: JSON under /api, plain text elsewhere. */
export function refuse(c: Context, status: 401 | 403 | 404, message: string): Response {
  if (isApiPath(c.req.path)) {
    return new Response(JSON.stringify({ error: message }), { status, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' } });
  }
  return new Response(`${message}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

/** The security headers on every response, whatever answered it. */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.header(name, value);
  if (isApiPath(c.req.path) && !c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
};

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Without a token: only requests addressed to a loopback name (the Host header, as the request's URL holds it). */
export const loopbackOnly: MiddlewareHandler = async (c, next) => {
  const url = new URL(c.req.url);
  if (!LOOPBACK_NAMES.has(url.hostname) && !url.hostname.endsWith('.localhost')) {
    return refuse(c, 403, `this dashboard answers only requests to 127.0.0.1 or localhost, not ${JSON.stringify(url.host)}; to serve it to other machines, start verbatim serve with --host and --token`);
  }
  return next();
};

/** Changes (anything but GET and HEAD) only from the dashboard's own pages. */
export const sameOriginChanges: MiddlewareHandler = async (c, next) => {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
  const site = c.req.header('sec-fetch-site');
  const origin = c.req.header('origin');
  if ((site !== undefined && site !== 'same-origin' && site !== 'none') || (origin !== undefined && origin !== new URL(c.req.url).origin)) {
    return refuse(c, 403, 'changes are accepted only from the dashboard itself (this request came from another site)');
  }
  return next();
};

const digest = (purpose: string, value: string): Buffer => createHash('sha256').update(`${purpose}\u0000${value}`).digest();

function sameSecret(given: string, expected: Buffer, purpose: string): boolean {
  return timingSafeEqual(digest(purpose, given), expected);
}

/** Every request must carry the token: `Authorization: Bearer <token>`, the cookie `?token=` set, or `?token=` itself (then redirected without it). */
export function requireToken(token: string): MiddlewareHandler {
  const expected = digest('token', token);
  // The cookie holds a digest of the token, named after it, so that servers with other tokens on this host keep their own.
  const cookieName = `verbatim_${digest('cookie-name', token).toString('hex').slice(0, 12)}`;
  const cookieValue = digest('cookie', token).toString('hex');
  const expectedCookie = digest('token', cookieValue);
  return async (c, next) => {
    const url = new URL(c.req.url);
    const given = url.searchParams.get('token');
    if (given !== null && (c.req.method === 'GET' || c.req.method === 'HEAD') && sameSecret(given, expected, 'token')) {
      url.searchParams.delete('token');
      // Relative, and never `//host`: the redirect stays on this server.
      const location = `/${url.pathname.replace(/^\/+/u, '')}${url.search}`;
      return new Response(null, {
        status: 302,
        headers: {
          Location: location,
          'Set-Cookie': `${cookieName}=${cookieValue}; Path=/; HttpOnly; SameSite=Strict`,
          'Cache-Control': 'no-store',
        },
      });
    }
    const authorization = c.req.header('authorization');
    const bearer = authorization?.match(/^Bearer +(\S+) *$/u)?.[1];
    if (bearer !== undefined && sameSecret(bearer, expected, 'token')) return next();
    const cookie = getCookie(c, cookieName);
    if (cookie !== undefined && sameSecret(cookie, expectedCookie, 'token')) return next();
    const response = refuse(c, 401, 'this dashboard needs its token: open the address verbatim serve printed (with ?token=...), or send Authorization: Bearer <token>');
    response.headers.set('WWW-Authenticate', 'Bearer');
    return response;
  };
}
