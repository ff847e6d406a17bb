/**
 * Row ids made outside Prisma (rows inserted in SQL), shaped like the `cuid()` Prisma gives the same columns: "c",
 * the time in base 36, a counter, randomness — so they sort by creation as Prisma's do (lists ordered by id, the
 * first assessment of a unit, keep the order users saw before).
 */
import { randomBytes } from "node:crypto";

let counter = 0;

/** A new cuid-shaped id (25 characters, lowercase base 36), later than every id made before it in this process. */
export function newId(): string {
  counter = (counter + 1) % 36 ** 4;
  const time = Date.now().toString(36).padStart(8, "0");
  const random = BigInt(`0x${randomBytes(8).toString("hex")}`)
    .toString(36)
    .padStart(13, "0")
    .slice(-12);
  return `c${time}${counter.toString(36).padStart(4, "0")}${random}`;
}
