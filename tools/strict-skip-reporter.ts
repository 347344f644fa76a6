import type { Reporter, SerializedError, TestModule } from 'vitest/node';

/**
 * Prints the plain closing line CI reads ("N passed, N failed, N skipped") and, when
 * BEDSIDE_STRICT_SKIPS=1 (set by .ci/run), fails the run if any test was skipped:
 * a PostgreSQL or browser suite that quietly skips would otherwise look green.
 * A test that never ran because its file or a `beforeAll` failed counts as failed, not skipped.
 */
export class StrictSkipReporter implements Reporter {
  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
  ): void {
    let passed = 0;
    let failed = 0;
    const skipped: string[] = [];
    for (const mod of testModules) {
      const moduleFailed = !mod.ok();
      let counted = 0;
      for (const test of mod.children.allTests()) {
        counted += 1;
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed' || moduleFailed) failed += 1;
        else if (state === 'skipped') skipped.push(`${mod.moduleId} > ${test.fullName}`);
      }
      if (moduleFailed && counted === 0) failed += 1;
    }
    failed += unhandledErrors.length;
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped.length} skipped\n`);
    if (skipped.length > 0 && process.env.BEDSIDE_STRICT_SKIPS === '1') {
      process.stdout.write(`Skipped tests are failures in CI (BEDSIDE_STRICT_SKIPS=1):\n`);
      for (const name of skipped) process.stdout.write(`  - ${name}\n`);
      process.exitCode = 1;
    }
  }
}
