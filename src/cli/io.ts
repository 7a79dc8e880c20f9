import { createInterface, type Interface } from 'node:readline';
/** Where a command writes: injected so tests run commands in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr is an interactive terminal (progress bars only then). */
  stderrIsTty: boolean;
  /** Columns of the terminal, when known. */
  columns?: number;
  /** Ask a person for one line (interactive commands); null at end of input. Absent when stdin is not a terminal. */
  readLine?: (prompt: string) => Promise<string | null>;
}

let terminal: Interface | undefined;

/** One line from the terminal; the readline interface is made on first use and closed at end of input. */
async function readTerminalLine(prompt: string): Promise<string | null> {
  terminal ??= createInterface({ input: process.stdin, output: process.stdout });
  const rl = terminal;
  return new Promise((resolve) => {
    const onClose = (): void => resolve(null);
    rl.once('close', onClose);
    rl.question(prompt, (answer) => {
      rl.off('close', onClose);
      resolve(answer);
    });
  });
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTty: process.stderr.isTTY === true,
  ...(process.stdout.columns ? { columns: process.stdout.columns } : {}),
  ...(process.stdin.isTTY === true ? { readLine: readTerminalLine } : {}),
};

/** Close the terminal's readline interface, if one was opened (so the process can exit). */
export function closeTerminal(): void {
  terminal?.close();
  terminal = undefined;
}

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
