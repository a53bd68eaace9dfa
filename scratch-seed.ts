import { openDatabase } from './db/index.ts'
import { seedDemoData } from './layers/index.ts'
const t0 = Date.now()
const d = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: '/tmp/hm-scratch', log: console.log })
console.log('open', Date.now() - t0, d.engine, d.postgis)
await seedDemoData(d.db, console.log)
console.log('seeded', Date.now() - t0)
await d.close()
