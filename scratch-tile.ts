import { VectorTile } from '@mapbox/vector-tile'
import { PbfReader as Pbf } from 'pbf'
import { gunzipSync } from 'node:zlib'
for (const port of [8790, 8791]) {
  for (const path of ['kyiv-land-parcels/14/9580/5523', 'kyiv-land-parcels/10/598/345', 'kyiv-alcohol-licenses/11/1197/691', 'kyiv-districts/8/149/86', 'kyiv-metro-stations/12/2394/1382']) {
    const t0 = performance.now()
    const res = await fetch(`http://127.0.0.1:${port}/tiles/${path}.mvt`, { headers: { 'accept-encoding': 'identity' } })
    const ms = performance.now() - t0
    const raw = Buffer.from(await res.arrayBuffer())
    const buf = res.headers.get('content-encoding') === 'gzip' ? gunzipSync(raw) : raw
    const tile = new VectorTile(new Pbf(buf))
    const name = Object.keys(tile.layers)[0]
    const layer = name ? tile.layers[name]! : undefined
    const f = layer?.feature(0)
    console.log(port, path, res.status, res.headers.get('content-encoding'), raw.length, buf.length, ms.toFixed(0) + 'ms', layer?.length, f?.id, JSON.stringify(f?.properties).slice(0, 150), f && JSON.stringify(f.loadGeometry()).slice(0, 80))
  }
}
