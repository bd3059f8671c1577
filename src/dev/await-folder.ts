/** Wait for a folder that has gone (a site folder renamed away) to come back. */
import { statSync } from 'node:fs';

/** How often to look; a rename back is noticed within this time. */
const POLL_MS = 200;

export function isFolder(folder: string): boolean {
  try {
    return statSync(folder).isDirectory();
  } catch {
    return false;
  }
}

/** Calls `onBack` once `folder` exists again; the returned function stops waiting. */
export function awaitFolder(folder: string, onBack: () => void, pollMs = POLL_MS): () => void {
  const timer = setInterval(() => {
    if (!isFolder(folder)) return;
    clearInterval(timer);
    onBack();
  }, pollMs);
  return () => clearInterval(timer);
}
