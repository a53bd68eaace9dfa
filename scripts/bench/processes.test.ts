import { describe, expect, it } from 'vitest'
import { nodeOptionsOf } from './processes.ts'

describe('nodeOptionsOf', () => {
  it('gives the server the Node options npm start runs it with', () => {
    expect(nodeOptionsOf('scripts/start.mjs')).toEqual(['--enable-source-maps', '--no-allocation-site-pretenuring'])
  })

  it('gives an entry point no script runs no options', () => {
    expect(nodeOptionsOf('scripts/bench/serving-limit.ts')).toEqual([])
    expect(nodeOptionsOf('start.mjs')).toEqual([])
  })
})
