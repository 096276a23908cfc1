// The steps of a browser suite, each named and timed: by default the first that fails makes the
// rest "not run" (they build on each other), and `onFailure` may save what the pages showed.
// `independent` suites (each step stands alone) go on after a failure. `only(name)` false
// leaves a step out (counted as skipped); a step that returns `{ skip: reason }` is skipped too.
// With `startedAt`, each step's line also says when it ended since the suite's start.
export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

const secondsSince = (start) => ((Date.now() - start) / 1000).toFixed(1);

export function createSteps({ onFailure = async () => {}, independent = false, only = () => true, startedAt = 0 } = {}) {
  const steps = { passed: 0, failed: 0, skipped: 0, broken: false };
  steps.test = async (name, fn) => {
    if (!only(name)) {
      steps.skipped++;
      return;
    }
    if (steps.broken) {
      steps.failed++;
      console.log(`FAIL ${name}: not run, an earlier step failed`);
      return;
    }
    const started = Date.now();
    try {
      const result = await fn();
      if (result && result.skip) {
        steps.skipped++;
        console.log(`SKIP ${name}: ${result.skip}`);
        return;
      }
      steps.passed++;
      const at = startedAt ? `, at ${secondsSince(startedAt)} s` : "";
      console.log(`ok   ${name} (${secondsSince(started)} s${at})`);
    } catch (e) {
      steps.failed++;
      steps.broken = !independent;
      console.log(`FAIL ${name}: ${e && e.stack ? e.stack : e}`);
      await onFailure();
    }
  };
  return steps;
}
