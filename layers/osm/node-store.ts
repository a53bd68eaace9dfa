/**
 * Every node's place, kept compactly so that ways can be drawn from the node ids they list:
 * 16 bytes a node (a city's extract of 5 million nodes in 80 MB), found by binary search. An
 * extract is sorted by id (as `osmium sort` leaves it, and every published extract is), so the
 * ids arrive in order and need no sorting here.
 */
export class NodeStore {
  private ids = new Float64Array(1 << 16)
  private coords = new Int32Array(1 << 17)
  private count = 0

  /** Keeps a node; false when its id is not above the last one's (the file is not sorted). */
  add(id: number, lon: number, lat: number): boolean {
    if (this.count > 0 && id <= this.ids[this.count - 1]!) return false
    if (this.count === this.ids.length) this.grow()
    this.ids[this.count] = id
    // 1e-7 degrees (about 1 cm) is OpenStreetMap's own precision.
    this.coords[2 * this.count] = Math.round(lon * 1e7)
    this.coords[2 * this.count + 1] = Math.round(lat * 1e7)
    this.count++
    return true
  }

  /** The [lon, lat] of a node, or undefined when the extract does not hold it (cut at its edge). */
  get(id: number): [number, number] | undefined {
    let lo = 0
    let hi = this.count - 1
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1
      const at = this.ids[mid]!
      if (at === id) return [this.coords[2 * mid]! / 1e7, this.coords[2 * mid + 1]! / 1e7]
      if (at < id) lo = mid + 1
      else hi = mid - 1
    }
    return undefined
  }

  get size(): number {
    return this.count
  }

  private grow(): void {
    const ids = new Float64Array(this.ids.length * 2)
    ids.set(this.ids)
    const coords = new Int32Array(this.coords.length * 2)
    coords.set(this.coords)
    this.ids = ids
    this.coords = coords
  }
}
