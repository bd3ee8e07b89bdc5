import { request as httpRequest, type Agent as HttpAgent, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

/**
 * One GET to the API server, with our own HTTP layer rather than the client library's (node-fetch),
 * for two reasons. node-fetch follows redirects and keeps the Authorization header when only the
 * port or the scheme changes (it compares host names), so a server could send the token to another
 * port or in clear text; here a redirect is followed only within the exact origin of the server in
 * the kubeconfig (scheme, host, port) and is an error otherwise. And node-fetch buffers a body
 * whole: here it is read as it arrives and the request is cut at `maxBytes`, so a hostile or broken
 * server cannot fill the memory.
 */

export interface CappedGet {
  url: string;
  headers: Record<string, string>;
  /** The agent the kubeconfig asked for (CA, client certificate, proxy). */
  agent: HttpAgent | undefined;
  signal: AbortSignal | undefined;
  /** Bytes of body accepted; past it the request fails with ResponseTooLargeError. */
  maxBytes: number;
}

export interface CappedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** The server redirected to another origin (or too many times): credentials were not sent there. */
export class RedirectError extends Error {}

/** The body was larger than the cap: reading stopped there. */
export class ResponseTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`response larger than ${maxBytes} bytes`);
  }
}

const MAX_SAME_ORIGIN_REDIRECTS = 3;

export async function cappedGet(options: CappedGet): Promise<CappedResponse> {
  const origin = new URL(options.url).origin;
  let url = options.url;
  for (let redirects = 0; ; redirects++) {
    const response = await open(url, options);
    const location = response.headers.location;
    if (response.statusCode === undefined || response.statusCode < 300 || response.statusCode > 399 || typeof location !== 'string') {
      return { status: response.statusCode ?? 0, headers: response.headers, text: await readCapped(response, options.maxBytes, options.signal) };
    }
    response.destroy();
    let next: URL;
    try {
      next = new URL(location, url);
    } catch {
      throw new RedirectError(`redirected to an invalid location (HTTP ${response.statusCode})`);
    }
    // Compared whole: another port or http:// on the same host is another origin, and never gets the token.
    if (next.origin !== origin) throw new RedirectError(`redirected to another origin (${next.origin}, HTTP ${response.statusCode}): credentials are sent only to ${origin}`);
    if (redirects >= MAX_SAME_ORIGIN_REDIRECTS) throw new RedirectError(`redirected more than ${MAX_SAME_ORIGIN_REDIRECTS} times`);
    url = next.toString();
  }
}

function open(url: string, options: CappedGet): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const https = url.startsWith('https:');
    const request = (https ? httpsRequest : httpRequest)(url, {
      method: 'GET',
      headers: options.headers,
      // The kubeconfig's agent speaks the server's protocol; a same-origin redirect keeps it.
      ...(options.agent ? { agent: options.agent } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    request.once('response', resolve);
    request.once('error', reject);
    request.end();
  });
}

function readCapped(response: IncomingMessage, maxBytes: number, signal: AbortSignal | undefined): Promise<string> {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    return Promise.reject(new ResponseTooLargeError(maxBytes));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    response.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        chunks.length = 0;
        // Rejected first: destroying the response emits its own 'aborted' and 'error' at once.
        reject(new ResponseTooLargeError(maxBytes));
        response.destroy();
        return;
      }
      chunks.push(chunk);
    });
    response.once('error', reject);
    // Cut short: by our own timeout or deadline (an abort, as before the answer began), or by the server.
    const cutShort = (): Error => (signal?.aborted ? Object.assign(new Error('aborted'), { name: 'AbortError' }) : new Error('socket hang up: the answer was cut short (ECONNRESET)'));
    response.once('aborted', () => reject(cutShort()));
    response.once('end', () => {
      if (!response.complete) reject(cutShort());
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
  });
}
