/**
 * One process per embedded-database directory. PGlite has no server to share
 * its files: a second process opening the same DATA_DIR would corrupt them.
 * The lock is a file created atomically (O_EXCL) holding the owner's pid; a
 * lock whose pid is no longer alive (the owner was killed with -9, the machine
 * rebooted) is stale and taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";

export const LOCK_FILE = "cds.lock";

export class DataDirLockedError extends Error {
  override readonly name = "DataDirLockedError";
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(
      `Thư mục dữ liệu ${dataDir} đang được tiến trình ${ownerPid} sử dụng; hãy dừng tiến trình đó hoặc dùng DATA_DIR khác.\n` +
        `Data directory ${dataDir} is in use by process ${ownerPid}; stop it or use another DATA_DIR.`,
    );
  }
}

function alive(pid: number): boolean {
  // Our own pid in the file is a previous life of this process (a container's pid 1 restarted): stale.
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readOwner(file: string): number | null {
  try {
    return Number.parseInt(readFileSync(file, "utf8").trim(), 10);
  } catch {
    return null; // removed meanwhile
  }
}

export interface DataLock {
  file: string;
  release(): void;
}

/** Takes the lock on dataDir or throws DataDirLockedError naming the directory and the other pid. */
export function acquireDataLock(dataDir: string): DataLock {
  const dir = path.resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, "wx", 0o644);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      let owner = readOwner(file);
      // Empty: its owner is between creating and writing it; give it a moment.
      if (Number.isNaN(owner)) {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
        owner = readOwner(file);
      }
      if (owner !== null && alive(owner)) throw new DataDirLockedError(dir, owner);
      // Stale: remove it only if it is still the stale one we read, then race for it again with O_EXCL.
      const again = readOwner(file);
      if (owner === null || again === owner || (Number.isNaN(owner) && Number.isNaN(again))) {
        try {
          unlinkSync(file);
        } catch {
          // someone else took it over first; the next attempt sees theirs
        }
      }
      continue;
    }
    writeSync(fd, `${process.pid}\n`);
    closeSync(fd);
    return {
      file,
      release() {
        // Only our own lock: never remove one a later owner took over.
        if (readOwner(file) === process.pid) unlinkSync(file);
      },
    };
  }
  throw new DataDirLockedError(dir, readOwner(file) ?? 0);
}
