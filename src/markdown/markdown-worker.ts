/**
 * Worker thread: renders bodies one at a time and replies after each, so the caller can
 * time every body and stop the worker when one runs too long. User plugins are functions
 * and cannot be sent across threads: when the site has some, the worker loads them from
 * the site's config file itself and says whether they match the caller's.
 */
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { createProcessors, type ProcessorFor, type ProcessorPlugins } from './create-processor.js';
import { pluginsDigest } from './markdown-cache.js';
import { renderMarkdown } from './render-markdown.js';
import type { BodyImages } from '../images/types.js';
import type { RenderedMarkdown } from './types.js';

/** What a worker is started with (plain data). */
export interface WorkerSetup {
  readonly sanitize: boolean | Readonly<Record<string, unknown>>;
  /** The site's base path (`Config.basePath`): site-relative links in bodies get it. */
  readonly basePath: string;
  /** The config file to load the user's plugins from, with the digest they must have. */
  readonly plugins?: { readonly configFile: string; readonly digest: string };
}

export interface WorkerRequest {
  /** Id, body and the site images the body shows. */
  readonly bodies: readonly (readonly [string, string, BodyImages | undefined])[];
}

export type WorkerReply =
  | { readonly type: 'ready' }
  | { readonly type: 'unusable'; readonly reason: string }
  | { readonly type: 'rendered'; readonly id: string; readonly value: RenderedMarkdown }
  | { readonly type: 'failed'; readonly id: string; readonly message: string };

const reply = (message: WorkerReply): void => parentPort?.postMessage(message);
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The user's plugins as the config file gives them, when they are the ones the caller has. */
async function loadPlugins(plugins: NonNullable<WorkerSetup['plugins']>): Promise<ProcessorPlugins | string> {
  const { readConfigFile } = await import('../config/read-config-file.js');
  const loaded = await readConfigFile(plugins.configFile, path.basename(plugins.configFile));
  const markdown = (loaded.value?.value as { markdown?: Partial<ProcessorPlugins> } | undefined)?.markdown;
  const found = { remarkPlugins: [...(markdown?.remarkPlugins ?? [])], rehypePlugins: [...(markdown?.rehypePlugins ?? [])] };
  return pluginsDigest(found) === plugins.digest ? found : 'the plugins in the config file are not the ones in use';
}

async function setUp(setup: WorkerSetup): Promise<ProcessorFor | string> {
  if (!setup.plugins) return createProcessors({ remarkPlugins: [], rehypePlugins: [], sanitize: setup.sanitize }, setup.basePath);
  const plugins = await loadPlugins(setup.plugins);
  return typeof plugins === 'string' ? plugins : createProcessors({ ...plugins, sanitize: setup.sanitize }, setup.basePath);
}

async function start(): Promise<void> {
  const processorFor = await setUp(workerData as WorkerSetup).catch(messageOf);
  if (typeof processorFor === 'string') return reply({ type: 'unusable', reason: processorFor });
  // Requests are rendered one after another, in order: the caller keeps a few in flight and
  // expects one reply per body, in the order sent.
  let queue = Promise.resolve();
  const renderAll = async (request: WorkerRequest): Promise<void> => {
    for (const [id, body, images] of request.bodies) {
      try {
        reply({ type: 'rendered', id, value: await renderMarkdown(processorFor, body, images) });
      } catch (error) {
        reply({ type: 'failed', id, message: messageOf(error) });
      }
    }
  };
  parentPort?.on('message', (request: WorkerRequest) => {
    queue = queue.then(() => renderAll(request));
  });
  reply({ type: 'ready' });
}

void start();
