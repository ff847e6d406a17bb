/** Evidence bytes under the data directory, addressed by their sha256 (so a file uploaded twice is stored once). */
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

export interface EvidenceStore {
  put(bytes: Uint8Array): Promise<{ key: string; sha256: string }>;
  get(key: string): Promise<Uint8Array>;
}

export function fileEvidenceStore(dir: string): EvidenceStore {
  return {
    async put(bytes) {
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      const key = `${sha256.slice(0, 2)}/${sha256}`;
      await mkdir(path.join(dir, sha256.slice(0, 2)), { recursive: true });
      await writeFile(path.join(dir, key), bytes);
      return { key, sha256 };
    },
    async get(key) {
      if (!/^[0-9a-f]{2}\/[0-9a-f]{64}$/.test(key)) throw new Error("bad evidence key");
      return readFile(path.join(dir, key));
    },
  };
}
