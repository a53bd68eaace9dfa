// Loaded into a server under load (`NODE_OPTIONS=--import=…`): on SIGUSR2 it writes the
// process's memory to HROMADA_MEMORY_FILE, after a full garbage collection when `gc` is exposed
// (`--expose-gc`), so that two readings compare live memory rather than uncollected garbage.
import { writeFileSync } from 'node:fs'

const file = process.env.HROMADA_MEMORY_FILE
if (file) {
  process.on('SIGUSR2', () => {
    globalThis.gc?.()
    const m = process.memoryUsage()
    writeFileSync(file, JSON.stringify({ at: Date.now(), rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external }))
  })
}
