// The steps of a browser suite, each named and timed: the first that fails makes the rest
// "not run" (they build on each other), and `onFailure` may save what the pages showed.
export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

export function createSteps({ onFailure = async () => {} } = {}) {
  const steps = { passed: 0, failed: 0, broken: false };
  steps.test = async (name, fn) => {
    if (steps.broken) {
      steps.failed++;
      console.log(`FAIL ${name}: not run, an earlier step failed`);
      return;
    }
    const started = Date.now();
    try {
      await fn();
      steps.passed++;
      console.log(`ok   ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } catch (e) {
      steps.failed++;
      steps.broken = true;
      console.log(`FAIL ${name}: ${e && e.stack ? e.stack : e}`);
      await onFailure();
    }
  };
  return steps;
}
