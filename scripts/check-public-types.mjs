#!/usr/bin/env node
/**
 * No internal type leaks: every type reachable from the package entry's exports (parameter,
 * return and property types, followed through type aliases and interfaces) must itself be
 * exported from the entry, or come from another package.
 * Usage: `node scripts/check-public-types.mjs [declarationsFolder]`. Without a folder it emits
 * the declarations of `src/` into a temporary folder first (tsc). Prints each leak as
 * `Exported.path → Internal (file.d.ts)` and exits 1; exits 0 when nothing leaks.
 * Reads tsc's declaration output with patterns, not a parser: it relies on tsc's layout
 * (top-level declarations start at column 0).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DECLARATION = /^(?:export\s+)?(?:declare\s+)?(?:default\s+)?(?:abstract\s+)?(?:interface|type|function|class|const|let|var|enum|namespace)\s+([A-Za-z_$][\w$]*)/;
const CONTINUES = /^[\s})\]|&]/;

const modules = new Map();

/** A declaration file's top-level declarations by name, its imports and its re-exports. */
function readModule(file) {
  if (modules.has(file)) return modules.get(file);
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const declarations = new Map();
  const imports = new Map();
  let current;
  for (const line of text.split('\n')) {
    const declared = DECLARATION.exec(line);
    if (declared) {
      current = { name: declared[1], text: line };
      declarations.set(current.name, [...(declarations.get(current.name) ?? []), current]);
    } else if (current && line !== '' && CONTINUES.test(line)) current.text += `\n${line}`;
    else current = undefined;
    const imported = /^(?:import|export)\s+(?:type\s+)?\{([^}]*)\}\s*from\s*['"](\.{1,2}\/[^'"]+)['"]/.exec(line);
    if (imported) {
      for (const part of imported[1].split(',').map((item) => item.trim().replace(/^type\s+/, '')).filter(Boolean)) {
        const [original, local = original] = part.split(/\s+as\s+/);
        imports.set(local, { file: path.resolve(path.dirname(file), imported[2].replace(/\.js$/, '.d.ts')), name: original });
      }
    }
  }
  const module = { declarations, imports };
  modules.set(file, module);
  return module;
}

/** Follow imports and re-exports to where `name` is declared. */
function resolve(file, name, seen = new Set()) {
  const key = `${file}#${name}`;
  if (seen.has(key)) return undefined;
  seen.add(key);
  const module = readModule(file);
  if (module.declarations.has(name)) return { file, name };
  const imported = module.imports.get(name);
  return imported ? resolve(imported.file, imported.name, seen) : undefined;
}

/** Names a declaration refers to that resolve to declarations of this package. */
function references(file, text) {
  const code = text.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, (literal) => (/^import\(/.test(literal) ? literal : "''"));
  const found = [];
  for (const match of text.matchAll(/import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)\.([A-Za-z_$][\w$]*)/g)) {
    const target = resolve(path.resolve(path.dirname(file), match[1].replace(/\.js$/, '.d.ts')), match[2]);
    if (target) found.push(target);
  }
  for (const [identifier] of code.matchAll(/[A-Za-z_$][\w$]*/g)) {
    const target = resolve(file, identifier);
    if (target) found.push(target);
  }
  return found;
}

/** Every leak: a non-exported declaration of this package reachable from an exported one. */
export function findLeaks(folder) {
  const entry = path.join(folder, 'index.d.ts');
  const exported = new Map();
  for (const [local, { file, name }] of readModule(entry).imports) {
    const target = resolve(file, name);
    if (target) exported.set(`${target.file}#${target.name}`, local);
  }
  const leaks = new Map();
  const visited = new Set();
  const queue = [...exported].map(([key, local]) => ({ key, trail: local }));
  while (queue.length > 0) {
    const { key, trail } = queue.shift();
    if (visited.has(key)) continue;
    visited.add(key);
    const [file, name] = key.split('#');
    for (const declaration of readModule(file).declarations.get(name) ?? []) {
      for (const target of references(file, declaration.text)) {
        const targetKey = `${target.file}#${target.name}`;
        if (targetKey === key) continue;
        if (exported.has(targetKey)) queue.push({ key: targetKey, trail: exported.get(targetKey) });
        else if (!leaks.has(targetKey)) leaks.set(targetKey, `${trail} → ${target.name} (${path.relative(folder, target.file).split(path.sep).join('/')})`);
      }
    }
  }
  return [...leaks.values()].sort();
}

function emitDeclarations(projectRoot) {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'sp-declarations-'));
  const typescript = path.dirname(createRequire(path.join(projectRoot, 'package.json')).resolve('typescript/package.json'));
  const tsc = path.join(typescript, 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(projectRoot, 'tsconfig.build.json'), '--declaration', '--emitDeclarationOnly', '--outDir', folder], { stdio: 'inherit' });
  return folder;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const given = process.argv[2];
  const folder = given ? path.resolve(given) : emitDeclarations(process.cwd());
  try {
    const leaks = findLeaks(folder);
    for (const leak of leaks) console.error(`${leak} is reachable from the public API but not exported from src/index.ts`);
    if (leaks.length > 0) {
      console.error(`${leaks.length} internal type${leaks.length === 1 ? '' : 's'} leak through the public API: export ${leaks.length === 1 ? 'it' : 'them'} from src/index.ts (and document in docs/api.md), or replace with a small exported interface.`);
      process.exitCode = 1;
    } else console.log('No internal type is reachable from the public API.');
  } finally {
    if (!given) rmSync(folder, { recursive: true, force: true });
  }
}
