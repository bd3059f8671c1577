#!/usr/bin/env node
/**
 * The layering rule: a stage imports only from itself, earlier stages and `src/shared/`.
 * Usage: `node scripts/check-layers.mjs [projectRoot]` (default: the current directory).
 * Prints `src/x/y.ts:LINE imports later stage 'z'` for each breach and exits 1; exits 0 when clean.
 * Imports are read with a pattern, not a parser: type-only imports count too (they tie a stage
 * to another's types just the same).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The pipeline in order; each stage lists the paths (under the project root) it owns. */
export const STAGES = [
  { name: 'shared', paths: ['src/shared'] },
  { name: 'config', paths: ['src/config'] },
  { name: 'content', paths: ['src/content'] },
  { name: 'markdown', paths: ['src/markdown'] },
  { name: 'model', paths: ['src/model'] },
  { name: 'routes', paths: ['src/routes'] },
  { name: 'render', paths: ['src/render'] },
  { name: 'feeds', paths: ['src/feeds'] },
  { name: 'output', paths: ['src/output'] },
  { name: 'import', paths: ['src/import'] },
  { name: 'build', paths: ['src/pipeline', 'src/build.ts'] },
  { name: 'dev', paths: ['src/dev'] },
  { name: 'commands', paths: ['src/commands', 'src/cli.ts'] },
  { name: 'index', paths: ['src/index.ts'] },
];

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
  const index = STAGES.findIndex((stage) => stage.paths.some((owned) => relative === owned || relative.startsWith(`${owned}/`)));
  return index === -1 ? undefined : index;
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
  const breaches = [];
  for (const file of listFiles(path.join(root, 'src')).sort()) {
    const relative = path.relative(root, file).split(path.sep).join('/');
    const from = stageOf(relative);
    if (from === undefined) {
      breaches.push(`${relative}:1 is in no stage\n  → put it in a stage folder, or add its folder to STAGES in scripts/check-layers.mjs`);
      continue;
    }
    for (const { specifier, line } of findImports(readFileSync(file, 'utf8'))) {
      const target = path.relative(root, path.resolve(path.dirname(file), specifier)).split(path.sep).join('/').replace(/\.js$/, '.ts');
      const to = stageOf(target);
      if (to === undefined || to <= from) continue;
      const allowed = STAGES.slice(0, from + 1).map((stage) => stage.name).join(', ');
      breaches.push(`${relative}:${line} imports later stage '${STAGES[to].name}' (${specifier})\n  → ${STAGES[from].name} may import only from: ${allowed}; move what both need into src/shared/ or into the earlier stage that produces it`);
    }
  }
  return breaches;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const breaches = checkLayers(path.resolve(process.argv[2] ?? '.'));
  for (const breach of breaches) console.error(breach);
  if (breaches.length > 0) {
    console.error(`${breaches.length} layering breach${breaches.length === 1 ? '' : 'es'} (stage order: ${STAGES.map((stage) => stage.name).join(' → ')}).`);
    process.exit(1);
  }
  console.log(`Layers point one way: ${STAGES.map((stage) => stage.name).join(' → ')}.`);
}
