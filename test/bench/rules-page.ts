/**
 * The guideline checker as a page script, for the Chromium figure of test/bench/rules.ts: the same
 * bundled code the background runs, timed inside the browser. Samples are batches of checks, since
 * a page's clock is coarsened to 0.1 ms.
 */
import { checkDraft, compiledDefaultPacks, type CheckOptions } from '../../lib/rules';

declare global {
  interface Window {
    samvadRulesBench: (text: string, options: CheckOptions, samples: number, batch: number) => { median: number; p95: number };
  }
}

window.samvadRulesBench = (text, options, samples, batch) => {
  const compiled = compiledDefaultPacks();
  for (let i = 0; i < 200; i++) checkDraft(compiled, text, options);
  const times: number[] = [];
  for (let s = 0; s < samples; s++) {
    const start = performance.now();
    for (let i = 0; i < batch; i++) checkDraft(compiled, text, options);
    times.push((performance.now() - start) / batch);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(samples / 2)]!, p95: times[Math.floor(samples * 0.95)]! };
};
