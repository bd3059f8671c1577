/** Runs the stages of one build or rebuild, collecting their problems and timings. */
import { BuildFailedError, hasErrors, sortProblems, type Problem, type Staged } from '../shared/errors.js';

/** Collects problems and timings as stages run; stops at the first stage with errors. */
export class StageRunner {
  readonly problems: Problem[] = [];
  readonly timings: Record<string, number> = {};
  private readonly started = performance.now();

  constructor(private readonly onStage: ((stage: string) => void) | undefined) {}

  async run<T>(name: string, stage: () => Staged<T> | Promise<Staged<T>>): Promise<T> {
    this.onStage?.(name);
    const begun = performance.now();
    const result = await stage();
    this.timings[name] = Math.round(performance.now() - begun);
    this.problems.push(...result.problems);
    if (hasErrors(result.problems)) throw new BuildFailedError(sortProblems(this.problems));
    return result.value;
  }

  finish(): void {
    this.timings.total = Math.round(performance.now() - this.started);
  }
}
