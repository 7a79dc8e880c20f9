/** Run the CLI in-process and collect what it prints; `answers` feed an interactive command line by line. */
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run-cli.js';

export async function runCommand(argv: string[], answers?: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    stderrIsTty: false,
    ...(answers === undefined ? {} : { readLine: async () => answers.shift() ?? null }),
  };
  const code = await runCli(argv, io);
  return { code, out, err };
}
