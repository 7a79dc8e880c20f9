import type { AnalyzeProgress } from '../analyze/analyze-corpus.js';
import type { CliIo } from './io.js';

const SHOW_AFTER_MS = 1000; // runs shorter than a second print no progress at all
const REDRAW_EVERY_MS = 100;

/**
 * A one-line progress display on stderr, only when stderr is a terminal and
 * the run has lasted over a second; silent when piped or redirected.
 */
export function progressReporter(io: CliIo): { update: (p: AnalyzeProgress) => void; done: () => void } {
  let drawn = false;
  let lastDraw = 0;
  return {
    update(progress) {
      if (!io.stderrIsTty || progress.elapsedMs < SHOW_AFTER_MS) return;
      if (progress.elapsedMs - lastDraw < REDRAW_EVERY_MS) return;
      lastDraw = progress.elapsedMs;
      const seconds = progress.elapsedMs / 1000;
      const rate = progress.articles / Math.max(seconds, 0.001);
      io.stderr(
        `\r\u001b[2Kanalysing: ${progress.items} items, ${progress.articles} articles, ` +
          `${(progress.chars / 1e6).toFixed(1)} M chars, ${rate.toFixed(0)} articles/s, ${seconds.toFixed(1)} s`,
      );
      drawn = true;
    },
    done() {
      if (drawn) io.stderr('\r\u001b[2K');
    },
  };
}
