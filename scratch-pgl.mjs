import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
const t0 = performance.now()
const db = await PGlite.create({ dataDir: '/tmp/clone/.data/pglite', extensions: { postgis } })
console.log('create', (performance.now() - t0).toFixed(0), 'ms')
const t2 = performance.now(); await db.query(`select ST_AsText(ST_Buffer(ST_Point(0,0), 1, 2)), postgis_lib_version()`); console.log('postgis first call', (performance.now() - t2).toFixed(0))
await db.close()
