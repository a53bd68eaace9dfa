import { describe, expect, it } from 'vitest'
import { lonLatToTile, parseTileCoord, tilesInBbox } from './tile-coord.ts'

describe('parseTileCoord', () => {
  it('accepts a tile of the pyramid', () => {
    expect(parseTileCoord('14', '9580', '5523')).toEqual({ z: 14, x: 9580, y: 5523 })
  })

  it.each([
    ['-1', '0', '0'],
    ['1', '2', '0'],
    ['1', '0', '2'],
    ['23', '0', '0'],
    ['1.5', '0', '0'],
    ['1', '0x1', '0'],
    ['', '0', '0'],
    ['1', '0', '1e3'],
  ])('rejects %s/%s/%s', (z, x, y) => {
    expect(parseTileCoord(z, x, y)).toBeUndefined()
  })
})

describe('tile geometry', () => {
  it('finds the Kyiv centre tile at z14', () => {
    expect(lonLatToTile(30.5234, 50.4501, 14)).toEqual({ z: 14, x: 9581, y: 5524 })
  })

  it('lists every tile covering a box, row by row', () => {
    const tiles = tilesInBbox([30.5, 50.4, 30.6, 50.5], 12)
    expect(tiles.length).toBe(6)
    expect(tiles[0]).toEqual(lonLatToTile(30.5, 50.5, 12))
  })
})
