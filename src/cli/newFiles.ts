// Files a command creates for a person to edit (init, ledger export): never replaced unless asked with --force,
// since they may already hold that person's own work.
import { lstatSync, statSync } from 'node:fs';
import { MbcheckError } from '../errors.js';

function exists(path: string): boolean {
  try {
    // lstat: a dangling symlink is still something a write would go through.
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Refuses, before anything is written, when any target is already there: naming every one, so one retry suffices. */
export function refuseToOverwrite(targets: readonly string[], force: boolean): void {
  if (force) return;
  const taken = targets.filter(exists);
  if (taken.length === 0) return;
  const list = taken.length === 1 ? `${taken[0]} already exists` : `${taken.slice(0, -1).join(', ')} and ${taken.at(-1)} already exist`;
  throw new MbcheckError('would-overwrite', `${list}; nothing was written. Add --force to replace ${taken.length === 1 ? 'it' : 'them'}, or choose another folder`);
}

/** Refuses a folder argument that names a file: a clearer message than the failed write it would become. */
export function refuseNonDirectory(dir: string): void {
  let info;
  try {
    info = statSync(dir);
  } catch {
    return;
  }
  if (!info.isDirectory()) throw new MbcheckError('not-a-directory', `${dir} is not a folder; give the folder to write the files in`, 'io');
}

/** A path as it can be pasted into a POSIX shell: quoted only when it has to be. */
export function shellWord(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
