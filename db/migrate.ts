// `npm run db:migrate`: applies the committed migrations (db/migrations) to the configured database.
import { openTarget } from "./cli-target";
import { migrateDb } from "./client";

const handle = await openTarget();
try {
  await migrateDb(handle);
  console.log(`migrations applied (${handle.kind})`);
} catch (error: unknown) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await handle.close();
}
