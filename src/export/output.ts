/**
 * Where an export goes: standard output, or a file written whole or not at all
 * (a temporary file in the same folder, renamed over the target once complete,
 * removed when anything fails).
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';

export interface Output {
  /** Text is written as UTF-8. */
  write(chunk: string | Uint8Array): void;
  /** Make the written data the target's (a no-op for standard output). */
  commit(): void;
  /** Drop what was written (a no-op for standard output). */
  abort(): void;
}

/** A failure to write the target, said in a way a person can act on. */
export class OutputError extends Error {
  override name = 'OutputError';
}

const reason = (error: unknown): string => {
  const e = error as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOENT':
      return 'no such folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    default:
      return e.message;
  }
};

/** Text written through a function (the CLI's standard output); bytes (Parquet) need a file. */
export function textOutput(write: (text: string) => void): Output {
  return {
    write: (chunk) => {
      if (typeof chunk !== 'string') throw new OutputError('binary output needs a file');
      write(chunk);
    },
    commit: () => undefined,
    abort: () => undefined,
  };
}

/** A file at `target`, written to a temporary file beside it and renamed over it on commit. */
export function fileOutput(target: string): Output {
  const resolved = path.resolve(target);
  let isFolder = false;
  try {
    isFolder = statSync(resolved).isDirectory();
  } catch {
    // no file there yet: the usual case
  }
  if (isFolder) throw new OutputError(`cannot write ${target}: it is a folder`);
  const temp = path.join(path.dirname(resolved), `.${path.basename(resolved)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let fd: number;
  try {
    fd = openSync(temp, 'wx');
  } catch (error) {
    throw new OutputError(`cannot write ${target}: ${reason(error)}`);
  }
  let open = true;
  const close = (): void => {
    if (!open) return;
    open = false;
    closeSync(fd);
  };
  const drop = (): void => {
    try {
      close();
    } finally {
      rmSync(temp, { force: true });
    }
  };
  return {
    write: (chunk) => {
      try {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        let done = 0;
        while (done < bytes.byteLength) done += writeSync(fd, bytes, done, bytes.byteLength - done);
      } catch (error) {
        throw new OutputError(`cannot write ${target}: ${reason(error)}`);
      }
    },
    commit: () => {
      try {
        fsyncSync(fd);
        close();
        renameSync(temp, resolved);
      } catch (error) {
        drop();
        throw new OutputError(`cannot write ${target}: ${reason(error)}`);
      }
    },
    abort: drop,
  };
}
