/**
 * Worker thread: the output survey's reading (output-survey.ts). A large site's output has a folder
 * per page; read with synchronous calls on a thread of its own, the 100,000-post bench's 330,000
 * `readdir`s and `lstat`s take a few seconds of the other core, where through the thread pool each
 * cost the build's thread a promise and waited for it to be free.
 */
import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { FolderListing } from './folder-listing.js';
import { fileStamp } from './output-manifest.js';

/** What the worker is started with: the folder, and each manifest path with the stamp it was written with. */
export interface SurveyRequest {
  readonly outDir: string;
  readonly stamps: readonly (readonly [file: string, stamp: string])[];
}

/** Its one reply: the survey, or `undefined` when the folder cannot be read. */
export type SurveyReply = { readonly files: string[]; readonly folders: string[]; readonly untouched: string[] } | undefined;

/** Every file and folder under `root` (relative, posix). */
function walk(root: string): { files: string[]; folders: string[] } {
  const listing = new FolderListing();
  for (let dir = listing.next(); dir !== undefined; dir = listing.next()) listing.add(dir, readdirSync(path.join(root, dir), { withFileTypes: true }));
  return { files: listing.files, folders: listing.folders };
}

function survey({ outDir, stamps }: SurveyRequest): SurveyReply {
  try {
    if (!lstatSync(outDir).isDirectory()) return undefined;
    const untouched: string[] = [];
    for (const [file, stamp] of stamps) {
      const stat = lstatSync(path.join(outDir, file), { throwIfNoEntry: false });
      if (stat?.isFile() === true && fileStamp(stat) === stamp) untouched.push(file);
    }
    return { ...walk(outDir), untouched };
  } catch {
    return undefined;
  }
}

parentPort?.postMessage(survey(workerData as SurveyRequest));
