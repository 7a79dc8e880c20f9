/** Where a command writes: injected so tests run commands in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr is an interactive terminal (progress bars only then). */
  stderrIsTty: boolean;
  /** Columns of the terminal, when known. */
  columns?: number;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTty: process.stderr.isTTY === true,
  ...(process.stdout.columns ? { columns: process.stdout.columns } : {}),
};

/** Exit codes, documented in the README. */
export const EXIT = {
  ok: 0,
  /** Bad usage, or a failure that stopped the command (unreadable database, ...). */
  error: 1,
  /** The command ran, but some input was rejected (see the summary and `verbatim log`). */
  someRejected: 2,
} as const;

/** A problem the user can fix: printed without a stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}
