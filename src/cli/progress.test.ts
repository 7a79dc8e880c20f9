import { describe, expect, it } from 'vitest';
import type { CliIo } from './io.js';
import { progressReporter } from './progress.js';

function io(tty: boolean): CliIo & { written: string[] } {
  const written: string[] = [];
  return { written, stdout: () => undefined, stderr: (t) => void written.push(t), stderrIsTty: tty };
}

const at = (elapsedMs: number) => ({ items: 10, articles: 8, chars: 4_000, elapsedMs });

describe('progressReporter', () => {
  it('stays silent when stderr is not a terminal', () => {
    const out = io(false);
    const progress = progressReporter(out);
    progress.update(at(5_000));
    progress.done();
    expect(out.written).toEqual([]);
  });

  it('draws on a terminal only after the first second, and clears the line at the end', () => {
    const out = io(true);
    const progress = progressReporter(out);
    progress.update(at(400));
    expect(out.written).toEqual([]);
    progress.update(at(1_500));
    expect(out.written).toHaveLength(1);
    expect(out.written[0]).toMatch(/10 items, 8 articles/);
    progress.done();
    expect(out.written.at(-1)).toBe('\r\u001b[2K');
  });
});
