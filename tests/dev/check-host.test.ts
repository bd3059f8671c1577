// Which Host headers the dev server answers, and when it warns that it is on the network. The
// rule is about names a DNS-rebinding page could send; the raw-socket tests are in dev-network.test.ts.
import { describe, expect, it } from 'vitest';
import { allowsHost, exposureWarning, hostName } from '../../src/dev/check-host.js';

describe('hostName', () => {
  it.each([
    ['127.0.0.1:8080', '127.0.0.1'],
    ['LOCALHOST', 'localhost'],
    ['[::1]:8080', '::1'],
    ['[::1]', '::1'],
    ['blog.example:80', 'blog.example'],
  ])('%j → %j', (header, name) => {
    expect(hostName(header)).toBe(name);
  });

  it.each(['', ':8080', '::1', 'a:b:c', 'evil.example:80@127.0.0.1', '[::1]x', 'host:port'])('%j is not a host', (header) => {
    expect(hostName(header)).toBeUndefined();
  });
});

describe('allowsHost', () => {
  it('answers loopback names and addresses, any IP address, and the --host name', () => {
    for (const header of ['localhost', 'localhost:1', 'app.localhost:8080', '127.0.0.1', '[::1]:9', '192.168.1.20:8080', '10.0.0.5']) {
      expect(allowsHost('127.0.0.1', header)).toBe(true);
    }
    expect(allowsHost('mybox.lan', 'MyBox.lan:8080')).toBe(true);
    expect(allowsHost('0.0.0.0', 'mybox.lan:8080')).toBe(false);
  });

  it('refuses every other name, and a missing Host', () => {
    for (const header of ['evil.example', 'evil.example:8080', 'localhost.evil.example', '127.0.0.1.nip.io', 'localhost.', undefined]) {
      expect(allowsHost('127.0.0.1', header)).toBe(false);
    }
  });
});

describe('exposureWarning', () => {
  it('says nothing for loopback addresses', () => {
    for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', '::1', '[::1]']) expect(exposureWarning(host, true)).toBeUndefined();
  });

  it('warns for every interface, and for one network address, naming drafts when they are served', () => {
    expect(exposureWarning('::', false)).toMatch(/listening on :: \(every network this computer is on\), so anyone who can reach it can read this site\./);
    expect(exposureWarning('192.168.1.20', true)).toMatch(/listening on 192\.168\.1\.20 \(a network address\), so anyone who can reach it can read this site, drafts included/);
  });
});
