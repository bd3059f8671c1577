/**
 * The dev server (and `serve`) as a network service: which `Host` headers it answers (a defence against DNS
 * rebinding, where a web page re-points its own name at 127.0.0.1 and reads the site, drafts
 * included), and the warning printed when it listens beyond this computer.
 */
import { isIP } from 'node:net';
import type { ServerResponse } from 'node:http';

/** `Example.org:8080` → `example.org`, `[::1]:80` → `::1`; `undefined` when it is not a host[:port]. */
export function hostName(header: string): string | undefined {
  const match = /^(?:\[([0-9a-f:.]+)\]|([^:[\]]+))(?::\d{1,5})?$/i.exec(header.trim());
  const name = match?.[1] ?? match?.[2];
  return name === undefined ? undefined : name.toLowerCase();
}

function bare(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}

/** True for addresses only this computer can reach: `localhost`, 127.0.0.0/8 and `::1`. */
function isLoopback(host: string): boolean {
  const name = bare(host);
  return name === 'localhost' || name === '::1' || (isIP(name) === 4 && name.startsWith('127.'));
}

/**
 * Whether to answer a request with this `Host` header, for a server bound to `bound` (the
 * `--host` value). Accepted: `localhost` and `*.localhost` (browsers never look those up in
 * DNS), any IP address (a rebinding page always sends its own domain name), and the name given
 * with `--host`. Anything else, or no `Host` at all, is refused.
 */
export function allowsHost(bound: string, header: string | undefined): boolean {
  const name = header === undefined ? undefined : hostName(header);
  if (name === undefined) return false;
  return name === 'localhost' || name.endsWith('.localhost') || isIP(name) !== 0 || name === bare(bound);
}

/** Answer a request whose `Host` is not ours: 403 and a short plain-text reason (`server` names it). */
export function refuseHost(response: ServerResponse, header: string | undefined, server = 'dev server'): void {
  const text =
    `Refused: this ${server} answers only to localhost, IP addresses and the name given with --host, not to ${JSON.stringify(header ?? '')}.\n` +
    'A web page may be trying to read your site through DNS rebinding. To use this name on purpose, start the server with --host and that name.\n';
  response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  response.end(text);
}

/** The warning to print when the server listens beyond this computer, or `undefined` when it does not. */
export function exposureWarning(host: string, drafts: boolean): string | undefined {
  if (isLoopback(host)) return undefined;
  const where = bare(host) === '0.0.0.0' || bare(host) === '::' ? 'every network this computer is on' : 'a network address';
  return `[dev] Warning: listening on ${host} (${where}), so anyone who can reach it can read this site${drafts ? ', drafts included' : ''}. Leave out --host (or use --host 127.0.0.1) to keep it to this computer.`;
}
