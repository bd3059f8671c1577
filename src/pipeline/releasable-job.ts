/**
 * Markdown jobs whose body can be let go once rendered, for a builder that runs once. At 100,000
 * posts the source texts are most of a gigabyte of the heap; a body (cut from its source text, so
 * holding all of it) that is let go as soon as its HTML arrives lets the collections that run during
 * the Markdown stage reclaim the texts one by one, instead of all of them after it, when the heap
 * has grown to hold them and the model beside each other.
 */
import type { BodyImages } from '../images/types.js';
import type { MarkdownJob } from '../markdown/types.js';

interface Slot {
  body: string;
}

class ReleasableJob implements MarkdownJob {
  constructor(
    private readonly slot: Slot,
    readonly id: string,
    readonly bodyLine: number,
    readonly digest: string,
    readonly images?: BodyImages,
  ) {}

  get body(): string {
    return this.slot.body;
  }

  withImages(images: BodyImages): ReleasableJob {
    return new ReleasableJob(this.slot, this.id, this.bodyLine, this.digest, images);
  }
}

/** `job` with the site images its body shows (a releasable job stays one, sharing its body). */
export function withImages(job: MarkdownJob, images: BodyImages | undefined): MarkdownJob {
  if (!images) return job;
  return job instanceof ReleasableJob ? job.withImages(images) : { ...job, images };
}

/** `jobs` as jobs whose bodies `release(id)` lets go (each body is then read as empty). */
export function releasableJobs(jobs: readonly MarkdownJob[]): { jobs: MarkdownJob[]; release: (id: string) => void } {
  const slots = new Map<string, Slot>();
  const light = jobs.map((job) => {
    const slot = { body: job.body };
    slots.set(job.id, slot);
    return new ReleasableJob(slot, job.id, job.bodyLine, job.digest, job.images);
  });
  return {
    jobs: light,
    release: (id) => {
      const slot = slots.get(id);
      if (slot) slot.body = '';
      slots.delete(id);
    },
  };
}
