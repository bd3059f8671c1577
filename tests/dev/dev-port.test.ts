// Starting the dev server: a taken port is reported and the next free one used; 127.0.0.1 by default.
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createDevServer, type DevServer } from '../../src/dev/create-dev-server.js';
import { copyFixture } from '../support/site-folder.js';

const blockers: net.Server[] = [];
const servers: DevServer[] = [];

afterAll(async () => {
  for (const server of servers) await server.close();
  for (const blocker of blockers) blocker.close();
});

function occupy(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const blocker = net.createServer();
    blocker.once('error', reject);
    blocker.listen(port, '127.0.0.1', () => {
      blockers.push(blocker);
      resolve((blocker.address() as net.AddressInfo).port);
    });
  });
}

describe('choosing a port', () => {
  it('says the port is taken and serves on the next free one', async () => {
    const taken = await occupy(0);
    const logs: string[] = [];
    const server = await createDevServer({ root: await copyFixture('blog-basic'), port: taken, now: '2024-11-15T12:00:00Z', log: (line) => logs.push(line) });
    servers.push(server);
    expect(logs).toContain(`[dev] port ${taken} is in use, trying ${taken + 1}`);
    expect(server.port).toBeGreaterThan(taken);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect((await fetch(server.url)).status).toBe(200);
  }, 180_000);
});
