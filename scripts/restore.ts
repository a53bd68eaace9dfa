/**
 * Restores a backup made by `npm run backup` into this installation: checks every file against
 * the manifest first, refuses a target that holds data unless `--force`, then restores the
 * database and the photos. Stop the server first.
 *
 *   npm run restore -- <dir> [--force]
 *
 * Env: DATABASE_URL (unset: the embedded engine), HROMADA_DATA_DIR (default ./.data).
 * Exits 2 when refused (nothing was changed; the reason is printed), 1 on any other failure.
 */
import { parseArgs } from 'node:util'
import { BackupRefused, restoreInstallation } from '../db/backup/index.ts'

const { values, positionals } = parseArgs({ allowPositionals: true, options: { force: { type: 'boolean', default: false } } })
const dir = positionals[0]
if (!dir || positionals.length > 1) {
  console.error('restore: name the backup folder: npm run restore -- <dir> [--force]')
  process.exit(2)
}
try {
  await restoreInstallation(dir, {
    databaseUrl: process.env.DATABASE_URL || undefined,
    dataDir: process.env.HROMADA_DATA_DIR ?? './.data',
    force: values.force,
    log: (line) => console.log(line),
  })
} catch (err) {
  if (!(err instanceof BackupRefused)) throw err
  console.error(`restore refused: ${err.message}`)
  process.exit(2)
}
