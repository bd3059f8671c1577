/**
 * A GET for the importers that connects only where the address policy allows: each host is resolved and vetted
 * before any traffic, the request connects to exactly the vetted address (its `lookup` answers with it, so a
 * second DNS answer cannot swap in another), and redirects are followed here, a bounded number of hops, each
 * hop vetted the same way.
 */
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { type AddressPolicy, RefusedAddress, type ResolvedAddress, vetHost } from './address-policy.js';

export interface GetOptions {
  policy: AddressPolicy;
  /** Ends the whole exchange, redirects and body included. */
  signal: AbortSignal;
  headers?: Record<string, string>;
  /** Redirects followed before giving up (default 5). */
  maxRedirects?: number;
  /** A host the user named (a feed address typed on the command line): connected to whatever its address. Redirects elsewhere are vetted. */
  trustedHost?: string;
}

/** The answer (status, headers, unread body) and the address it came from after redirects. */
export interface GetAnswer {
  response: IncomingMessage;
  url: URL;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** A lookup that answers with the vetted address only. */
function pinnedLookup(vetted: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) (callback as (error: null, addresses: ResolvedAddress[]) => void)(null, [vetted]);
    else callback(null, vetted.address, vetted.family);
  };
}

function request(url: URL, vetted: ResolvedAddress | undefined, options: GetOptions): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const sent = client.request(url, { headers: options.headers, signal: options.signal, agent: false, ...(vetted ? { lookup: pinnedLookup(vetted) } : {}) }, resolve);
    sent.on('error', reject);
    sent.end();
  });
}

/**
 * GET `address`, following redirects. Throws `RefusedAddress` for a host the policy refuses (before any
 * connection to it), for a scheme other than http(s) and for too many redirects; network errors as they come.
 */
export async function httpGet(address: string | URL, options: GetOptions): Promise<GetAnswer> {
  let url = new URL(address);
  const maxRedirects = options.maxRedirects ?? 5;
  for (let hop = 0; ; hop += 1) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RefusedAddress(`${url.protocol} is not http(s)`);
    const vetted = url.hostname === options.trustedHost ? undefined : await vetHost(url.hostname, options.policy);
    const response = await request(url, vetted, options);
    const location = response.headers.location;
    if (!REDIRECTS.has(response.statusCode ?? 0) || !location) return { response, url };
    response.resume();
    if (hop >= maxRedirects) throw new RefusedAddress(`more than ${maxRedirects} redirects`);
    url = new URL(location, url);
  }
}
