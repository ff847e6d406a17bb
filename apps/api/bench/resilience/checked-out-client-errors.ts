/**
 * Preload for pg-restart.ts with RESTART_PATCH=1 (`node --import tsx --import ./bench/resilience/checked-out-client-errors.ts
 * src/index.ts`): shows the fix proposed for src/db.ts without editing it. pg-pool removes its own 'error' listener
 * from a client while it is checked out; a client checked out by db.ts's `poolRunner.transaction` (the save path)
 * has no other listener, so a server that ends the session between two statements (restart, pg_terminate_backend)
 * makes that client emit an unhandled 'error' and the whole API process exits. Here every client handed out by
 * pg.Pool#connect gets one logging listener (once per client), which is what the fix in db.ts does for its own
 * transactions.
 */
import pg from "pg";

const guarded = new WeakSet<object>();
type Connect = (this: pg.Pool, ...args: unknown[]) => unknown;
const proto = pg.Pool.prototype as unknown as { connect: Connect };
const original = proto.connect;

function guard(client: pg.PoolClient): pg.PoolClient {
  if (!guarded.has(client)) {
    guarded.add(client);
    client.on("error", (e: Error) => console.error(`PostgreSQL: connection lost while checked out (${e.message})`));
  }
  return client;
}

proto.connect = function (this: pg.Pool, ...args: unknown[]) {
  if (typeof args[0] === "function") {
    const cb = args[0] as (err: Error | undefined, client: pg.PoolClient | undefined, done: unknown) => void;
    return original.call(this, (err: Error | undefined, client: pg.PoolClient | undefined, done: unknown) =>
      cb(err, client && guard(client), done),
    );
  }
  return (original.call(this) as Promise<pg.PoolClient>).then(guard);
};
