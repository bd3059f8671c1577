/** A raw Server-Sent Events client for tests: collects events and lets a test wait for the next one. */
import http from 'node:http';

interface SseEvent {
  readonly event: string;
  readonly data: string;
}

export interface SseClient {
  /** Resolves with the next event named `name` that arrives after this call. */
  next(name: string, timeoutMs?: number): Promise<SseEvent>;
  close(): void;
}

export function connectSse(url: string): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const waiters: { name: string; resolve: (event: SseEvent) => void }[] = [];
    const request = http.get(url, (response) => {
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1] ?? '';
          if (!event) continue;
          for (const waiter of waiters.filter((candidate) => candidate.name === event)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve({ event, data });
          }
        }
      });
      resolve({
        next: (name, timeoutMs = 15_000) =>
          new Promise((done, fail) => {
            const timer = setTimeout(() => fail(new Error(`no "${name}" event within ${timeoutMs} ms`)), timeoutMs);
            waiters.push({
              name,
              resolve: (event) => {
                clearTimeout(timer);
                done(event);
              },
            });
          }),
        close: () => request.destroy(),
      });
    });
    request.on('error', reject);
  });
}
