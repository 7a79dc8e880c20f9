import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './io.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Options every command takes. */
export const COMMON_OPTIONS = {
  db: { type: 'string', default: 'verbatim.db' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies Options;

/** Parse a command's arguments; unknown options are a usage error naming the command's help. */
type CommandConfig<T extends Options> = {
  args: string[];
  options: typeof COMMON_OPTIONS & T;
  allowPositionals: true;
  strict: true;
};

export function parseCommand<T extends Options>(
  command: string,
  argv: string[],
  options: T,
): ReturnType<typeof parseArgs<CommandConfig<T>>> {
  try {
    return parseArgs({ args: argv, options: { ...COMMON_OPTIONS, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.replace(/\. To specify.*$/s, '')}\nsee: verbatim ${command} --help`);
  }
}

/** A positive integer option, or a usage error naming it. */
export function integerOption(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 0) {
    throw new UsageError(`--${name} takes a whole number, not ${JSON.stringify(value)}`);
  }
  return parsed;
}

/** An ISO date option (YYYY, YYYY-MM or YYYY-MM-DD), or a usage error naming it. */
export function dateOption(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(value)) {
    throw new UsageError(`--${name} takes a date as YYYY, YYYY-MM or YYYY-MM-DD, not ${JSON.stringify(value)}`);
  }
  return value;
}
