#!/usr/bin/env node
/**
 * The layering rule, as a graph: each stage names the stages it may import from (besides itself).
 * Usage: `node scripts/check-layers.mjs [projectRoot]` (default: the current directory).
 * Prints `src/x/y.ts:LINE imports stage 'z' (…), which 'x' may not use` for each breach and exits 1;
 * exits 0 when clean. Imports are read with a pattern, not a parser: type-only imports count too
 * (they tie a stage to another's types just the same). An edge is added here on purpose, in
 * review, never to make a breach go away: what two stages both need usually belongs in the
 * earlier one, or in `src/shared/`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The stages in pipeline order; each lists the paths (under the project root) it owns. */
export const STAGES = [
  { name: 'shared', paths: ['src/shared'] },
  { name: 'config', paths: ['src/config'] },
  { name: 'content', paths: ['src/content'] },
  { name: 'images', paths: ['src/images'] },
  { name: 'markdown', paths: ['src/markdown'] },
  { name: 'model', paths: ['src/model'] },
  { name: 'routes', paths: ['src/routes'] },
  { name: 'render', paths: ['src/render'] },
  { name: 'feeds', paths: ['src/feeds'] },
  { name: 'search', paths: ['src/search'] },
  { name: 'output', paths: ['src/output'] },
  { name: 'import', paths: ['src/import'] },
  { name: 'check', paths: ['src/check'] },
  { name: 'build', paths: ['src/pipeline', 'src/build.ts'] },
  { name: 'dev', paths: ['src/dev'] },
  { name: 'commands', paths: ['src/commands', 'src/cli.ts'] },
  { name: 'index', paths: ['src/index.ts'] },
];

/**
 * Which stages each stage may import from (besides itself). Must stay acyclic (checked below).
 * The pipeline stages see only what they consume; `build` (src/pipeline) runs them all; the
 * edges (dev server, commands, the public index) sit on top.
 */
export const ALLOWED = {
  shared: [],
  config: ['shared'],
  content: ['shared', 'config'],
  images: ['shared', 'config', 'content'],
  // Markdown bodies refer to images by the sizes the image stage makes.
  markdown: ['shared', 'config', 'content', 'images'],
  model: ['shared', 'config', 'content', 'images', 'markdown'],
  routes: ['shared', 'config', 'content', 'model'],
  render: ['shared', 'config', 'content', 'images', 'model', 'routes'],
  // Redirect pages speak the theme's strings and load the query-redirect script.
  feeds: ['shared', 'config', 'model', 'routes', 'render'],
  search: ['shared', 'config', 'model'],
  output: ['shared', 'config', 'routes'],
  import: ['shared', 'config'],
  check: ['shared', 'config'],
  build: ['shared', 'config', 'content', 'images', 'markdown', 'model', 'routes', 'render', 'feeds', 'search', 'output'],
  dev: ['shared', 'config', 'search', 'build'],
  commands: ['shared', 'config', 'content', 'model', 'render', 'output', 'import', 'check', 'build', 'dev'],
  index: ['shared', 'config', 'content', 'images', 'markdown', 'model', 'routes', 'render', 'feeds', 'search', 'output', 'import', 'check', 'build', 'dev', 'commands'],
};

/** Problems with the graph itself: a stage missing from it, an unknown name, or a cycle. */
export function checkGraph(stages = STAGES, allowed = ALLOWED) {
  const names = new Set(stages.map((stage) => stage.name));
  const problems = [];
  for (const name of names) if (!(name in allowed)) problems.push(`stage '${name}' has no entry in ALLOWED`);
  for (const [from, targets] of Object.entries(allowed)) {
    for (const to of targets) if (!names.has(to)) problems.push(`ALLOWED.${from} names unknown stage '${to}'`);
  }
  const state = new Map();
  const visit = (name, trail) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'open') return void problems.push(`ALLOWED has a cycle: ${[...trail.slice(trail.indexOf(name)), name].join(' → ')}`);
    state.set(name, 'open');
    for (const to of allowed[name] ?? []) visit(to, [...trail, name]);
    state.set(name, 'done');
  };
  for (const name of names) visit(name, []);
  return problems;
}

const IMPORT = /^[ \t]*(?:import|export)\b[^'";]*?\bfrom\s*(['"])(\.{1,2}\/[^'"]+)\1|^[ \t]*import\s*(['"])(\.{1,2}\/[^'"]+)\3|\bimport\(\s*(['"])(\.{1,2}\/[^'"]+)\5\s*\)/gm;

function listFiles(folder) {
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return listFiles(full);
    return /\.(ts|mts|js|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

function stageOf(relative) {
  return STAGES.find((stage) => stage.paths.some((owned) => relative === owned || relative.startsWith(`${owned}/`)))?.name;
}

/** Every relative import of `text`, with its 1-based line. */
export function findImports(text) {
  const found = [];
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[2] ?? match[4] ?? match[6];
    const at = match.index + match[0].lastIndexOf(specifier);
    found.push({ specifier, line: text.slice(0, at).split('\n').length });
  }
  return found;
}

/** Every breach under `root/src`, as printable lines. */
export function checkLayers(root) {
  const breaches = checkGraph();
  for (const file of listFiles(path.join(root, 'src')).sort()) {
    const relative = path.relative(root, file).split(path.sep).join('/');
    const from = stageOf(relative);
    if (from === undefined) {
      breaches.push(`${relative}:1 is in no stage\n  → put it in a stage folder, or add its folder to STAGES and ALLOWED in scripts/check-layers.mjs`);
      continue;
    }
    for (const { specifier, line } of findImports(readFileSync(file, 'utf8'))) {
      const target = path.relative(root, path.resolve(path.dirname(file), specifier)).split(path.sep).join('/').replace(/\.js$/, '.ts');
      const to = stageOf(target);
      if (to === undefined || to === from || ALLOWED[from].includes(to)) continue;
      breaches.push(
        `${relative}:${line} imports stage '${to}' (${specifier}), which '${from}' may not use\n  → ${from} may import only from: ${ALLOWED[from].join(', ') || 'nothing'}; move what both need into src/shared/ or into the stage that produces it`,
      );
    }
  }
  return breaches;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const breaches = checkLayers(path.resolve(process.argv[2] ?? '.'));
  for (const breach of breaches) console.error(breach);
  if (breaches.length > 0) {
    console.error(`${breaches.length} layering breach${breaches.length === 1 ? '' : 'es'} (the allowed imports are ALLOWED in scripts/check-layers.mjs).`);
    process.exit(1);
  }
  console.log(`Every import follows the stage graph (${STAGES.length} stages).`);
}
