/**
 * Pages kept from the previous build into the same output folder. The record (kept in the
 * site's cache folder, one per output folder) holds the pages' global digest and, per page, what
 * its render read (page-reads.ts: a shape, as path texts shared by the pages that read the same
 * paths, and a digest of the values). A page whose reads give the same digest from the new model
 * is hard-linked from the previous output by the write stage, so a warm build costs little more
 * than reading the site; but only while the file there is provably the one this site wrote (its
 * stamp in the output manifest is unchanged): another site built into the same folder, or a hand
 * edit, makes it render again.
 */
import { promises as fs } from 'node:fs';
import { staged, type Staged } from '../shared/errors.js';
import { forEachLimited } from '../shared/for-each-limited.js';
import type { Manifest } from '../shared/output-manifest.js';
import { stillAsWritten, surveyOutput, type OutputSurvey } from '../shared/output-survey.js';
import type { PageReadRecord, ReadPaths, Shape } from './page-reads.js';

/** Written by this version of the record; a record of another version is not read. */
const RECORD_VERSION = 2;

/** What the previous build rendered: the global digest, the shapes, and each page's shape (by index) and digest. */
export interface PageRecord {
  readonly version: number;
  readonly global: string;
  readonly shapes: readonly (readonly string[])[];
  readonly pages: Readonly<Record<string, readonly [number, string]>>;
}

/** What the previous build left: its page record, its output manifest and where its output is. */
export interface PreviousBuild {
  readonly record: PageRecord | undefined;
  readonly manifest: Manifest;
  readonly outDir: string;
  /** The output folder as it was when the build started, read in the background (output-survey.ts). */
  readonly survey?: Promise<OutputSurvey | undefined>;
}

/** Start reading the previous output folder against its manifest; the promise never rejects. */
export function startSurvey(outDir: string, manifest: Manifest): Promise<OutputSurvey | undefined> {
  return surveyOutput(outDir, manifest).catch(() => undefined);
}

/** The record to keep once this build's pages are written: every page with a record that can be replayed. */
export function pageRecord(global: string, pages: Iterable<readonly [string, PageReadRecord | undefined]>, paths: ReadPaths): PageRecord {
  const shapes = new Map<Shape, number>();
  const entries: Record<string, readonly [number, string]> = {};
  for (const [file, record] of pages) {
    if (!record || record.opaque) continue;
    let index = shapes.get(record.shape);
    if (index === undefined) shapes.set(record.shape, (index = shapes.size));
    entries[file] = [index, record.digest];
  }
  return { version: RECORD_VERSION, global, shapes: [...shapes.keys()].map((shape) => shape.ids.map((id) => paths.text(id))), pages: entries };
}

/** A page of the previous build's record, its shape read into `paths`; `undefined` when the record has no such page. */
export function recordedPage(record: PageRecord, file: string, paths: ReadPaths, shapes: Map<number, Shape | undefined>): { shape: Shape; digest: string } | undefined {
  const entry = record.pages[file];
  if (!entry) return undefined;
  const [index, digest] = entry;
  if (!shapes.has(index)) {
    const texts = record.shapes[index];
    shapes.set(index, texts ? paths.shapeFromTexts(texts) : undefined);
  }
  const shape = shapes.get(index);
  return shape ? { shape, digest } : undefined;
}

/**
 * Of `files` (pages whose reads are unchanged since the previous build), those whose file in the
 * previous output is still the one that build wrote, with its fingerprint.
 */
export async function stillWrittenPages(files: readonly string[], previous: PreviousBuild): Promise<Staged<Map<string, string>>> {
  const reusable = new Map<string, string>();
  const survey = await previous.survey;
  await forEachLimited(files, 64, async (file) => {
    const entry = previous.manifest[file];
    if (entry && (await stillAsWritten(survey, previous.outDir, file, entry))) reusable.set(file, entry.hash);
  });
  return staged(reusable);
}

export async function readPageRecord(file: string): Promise<PageRecord | undefined> {
  try {
    const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<PageRecord>;
    return parsed.version === RECORD_VERSION && typeof parsed.global === 'string' && Array.isArray(parsed.shapes) && parsed.pages !== null && typeof parsed.pages === 'object'
      ? (parsed as PageRecord)
      : undefined;
  } catch {
    return undefined;
  }
}
