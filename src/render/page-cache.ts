/**
 * Pages kept from the previous build into the same output folder. The record (kept in the
 * site's cache folder, one per output folder) holds the site signature and each page's
 * signature (page-signature.ts). A page whose signature is unchanged is hard-linked from the
 * previous output by the write stage, so a warm build costs little more than reading the site;
 * but only while the file there is provably the one this site wrote (its stamp in the output
 * manifest is unchanged): another site built into the same folder, or a hand edit, makes it
 * render again.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { staged, type Staged } from '../shared/errors.js';
import { forEachLimited } from '../shared/for-each-limited.js';
import type { Manifest } from '../shared/output-manifest.js';
import { stillAsWritten, surveyOutput, type OutputSurvey } from '../shared/output-survey.js';

/** What the previous build rendered: the site-wide signature and each page's signature. */
export interface PageRecord {
  readonly global: string;
  /** The signature of every post's excerpt and reading time (page-signature.ts `bodyFactsSignature`). */
  readonly bodyFacts?: string;
  /** True when no page of that output showed another post's excerpt or reading time (model/body-fact-reads.ts). */
  readonly ownBodyFactsOnly?: boolean;
  /** Output path → a digest of the page's signature. */
  readonly pages: Readonly<Record<string, string>>;
}

/** The site-wide facts a build's pages were rendered with. */
export interface PageGlobals {
  readonly global: string;
  readonly bodyFacts: string;
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

/** A short, fixed-size stand-in for a page's (possibly long) signature. */
function digest(signature: string): string {
  return createHash('sha1').update(signature).digest('base64url');
}

/** The record to keep once this build's pages are written. */
export function pageRecord(globals: PageGlobals, ownBodyFactsOnly: boolean, signatures: ReadonlyMap<string, string>): PageRecord {
  return { ...globals, ownBodyFactsOnly, pages: Object.fromEntries([...signatures].map(([file, signature]) => [file, digest(signature)])) };
}

/**
 * True when pages of `record` may be kept under `globals`: the site-wide facts are the same, and
 * so are posts' excerpts and reading times, or no page showed another post's (a post's own pages
 * and lists see a change to its excerpt through their own signatures).
 */
function recordStillHolds(record: PageRecord, globals: PageGlobals): boolean {
  return record.global === globals.global && (record.bodyFacts === globals.bodyFacts || record.ownBodyFactsOnly === true);
}

/**
 * Output paths whose page can be taken from the previous output unchanged, with that file's
 * fingerprint. A page qualifies only if its signature matches, the previous build wrote it,
 * and the file there still has the stamp it was written with.
 */
export async function reusablePages(signatures: ReadonlyMap<string, string>, globals: PageGlobals, previous: PreviousBuild): Promise<Staged<Map<string, string>>> {
  const reusable = new Map<string, string>();
  const record = previous.record;
  if (!record || !recordStillHolds(record, globals)) return staged(reusable);
  const candidates = [...signatures].filter(([file, signature]) => record.pages[file] === digest(signature)).map(([file]) => file);
  const survey = await previous.survey;
  await forEachLimited(candidates, 64, async (file) => {
    const entry = previous.manifest[file];
    if (entry && (await stillAsWritten(survey, previous.outDir, file, entry))) reusable.set(file, entry.hash);
  });
  return staged(reusable);
}

export async function readPageRecord(file: string): Promise<PageRecord | undefined> {
  try {
    const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<PageRecord>;
    return typeof parsed.global === 'string' && parsed.pages !== null && typeof parsed.pages === 'object' ? (parsed as PageRecord) : undefined;
  } catch {
    return undefined;
  }
}
