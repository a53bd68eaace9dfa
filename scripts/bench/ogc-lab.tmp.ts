import { sql } from 'kysely'
import { writeFileSync } from 'node:fs'
import { openDatabase } from '../../db/index.ts'
import { loadDemoData } from '../../api/demo/index.ts'
import { OgcItemsQuery } from '../../api/contract/index.ts'
import { findItems } from '../../api/ogc/index.ts'
import { findPublicLayer } from '../../layers/index.ts'
import { startThrowawayCluster } from './throwaway-cluster.ts'
import { startScript, waitFor } from './processes.ts'
import { statementsOf, writeReplayScripts } from './statement-replay.ts'
import { OGC_BOXES } from './ogc-bench.ts'

const cluster = startThrowawayCluster(54380, '0')!
const database = await openDatabase({ databaseUrl: cluster.url, poolSize: 2, log: console.error })
await loadDemoData(database.db, () => {})
await sql`VACUUM ANALYZE`.execute(database.db)
await database.close()
const queries = OGC_BOXES.map((bbox) => OgcItemsQuery.parse({ limit: '1000', bbox }))
const requests = await Promise.all(OGC_BOXES.map((_, i) => statementsOf(cluster.url, async (db) => findItems(db, (await findPublicLayer(db, 'kyiv-land-parcels'))!, queries[i]!))))
const scripts = writeReplayScripts('lab', requests)
writeFileSync('/tmp/lead/lab.json', JSON.stringify({ url: cluster.url, dir: cluster.dir, scripts }))
console.log('READY', cluster.url)
