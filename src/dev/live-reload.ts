/** Server-Sent Events to open pages, and the small script that listens (injected only in dev). */
import type { ServerResponse } from 'node:http';

export const EVENTS_PATH = '/__sectorpress/events';

/**
 * Reload on `reload`, and on `search-index` only pages that loaded the search index (the
 * files they would fetch next are gone); on `css` swap stylesheet URLs in place (no reload, scroll kept);
 * show an overlay with the problems on `problems`, remove it on `clear`.
 */
export const LIVE_RELOAD_SCRIPT = `<script type="module">
const source = new EventSource(${JSON.stringify(EVENTS_PATH)});
source.addEventListener('open', () => { document.documentElement.dataset.sectorpressLive = 'connected'; });
source.addEventListener('reload', () => location.reload());
source.addEventListener('search-index', () => {
  if (performance.getEntriesByType('resource').some((entry) => entry.name.includes('/pagefind/'))) location.reload();
});
source.addEventListener('css', (event) => {
  const urls = JSON.parse(event.data);
  for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
    const match = urls.find((url) => url.replace(/\\.[0-9a-f]{10}\\.css$/, '') === link.getAttribute('href').replace(/\\.[0-9a-f]{10}\\.css$/, ''));
    if (match) link.setAttribute('href', match);
  }
});
source.addEventListener('problems', (event) => {
  let box = document.getElementById('sectorpress-overlay');
  if (!box) {
    box = document.createElement('div');
    box.id = 'sectorpress-overlay';
    box.setAttribute('role', 'alertdialog');
    box.setAttribute('aria-modal', 'true');
    box.setAttribute('aria-labelledby', 'sectorpress-overlay-heading');
    box.tabIndex = -1;
    box.style.cssText = 'position:fixed;inset:1rem;z-index:99999;overflow:auto;background:#fff;color:#0b0c0c;border:5px solid #d4351c;padding:1rem;font:16px/1.5 monospace';
    document.body.append(box);
  }
  const heading = document.createElement('h2');
  heading.id = 'sectorpress-overlay-heading';
  heading.textContent = 'sectorpress: the last change did not build';
  const pre = document.createElement('pre');
  pre.style.whiteSpace = 'pre-wrap';
  pre.textContent = JSON.parse(event.data).join('\\n');
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = 'Dismiss (the page will update when the build is fixed)';
  close.addEventListener('click', () => box.remove());
  box.replaceChildren(heading, pre, close);
  box.focus();
});
source.addEventListener('clear', () => document.getElementById('sectorpress-overlay')?.remove());
</script>`;

/** Connected pages; a client that disconnects is dropped, never written to again. */
export class LiveReload {
  private readonly clients = new Set<ServerResponse>();

  connect(response: ServerResponse): void {
    response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    response.write('retry: 500\n\n');
    this.clients.add(response);
    const drop = (): void => {
      this.clients.delete(response);
    };
    response.on('close', drop);
    response.on('error', drop);
  }

  send(event: string, data: unknown = ''): void {
    const payload = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const client of this.clients) {
      if (!client.destroyed) client.write(payload);
    }
  }

  get count(): number {
    return this.clients.size;
  }

  close(): void {
    for (const client of this.clients) client.end();
    this.clients.clear();
  }
}
