import { describe, expect, it } from 'vitest'
import type { LoadResult } from './load.ts'
import { formatMixedLoad, memoryHeld, type MixedLoadReport } from './mixed-load.ts'

const MiB = 1024 * 1024
const result = (requests: number, errors: number, p50ms: number, p99ms: number): LoadResult => ({ requests, rps: requests / 60, p50ms, p99ms, bytesPerRequest: 100, errors })

function report(warmRss: number, endRss: number, warmHeap: number, endHeap: number): MixedLoadReport {
  return {
    seconds: 60,
    rate: 100,
    kinds: [
      { kind: 'tiles', share: 0.8, result: result(4800, 0, 2, 9), errors: 0, rateLimited: 0 },
      { kind: 'submissions', share: 0.05, result: result(300, 3, 40, 120), errors: 1, rateLimited: 2 },
    ],
    warm: { rss: warmRss * MiB, heapUsed: warmHeap * MiB },
    end: { rss: endRss * MiB, heapUsed: endHeap * MiB },
  }
}

describe('the mixed load report', () => {
  it('holds memory when both resident and heap memory end within 20 % of after warm-up', () => {
    expect(memoryHeld(report(100, 119, 30, 35))).toBe(true)
  })

  it('does not hold memory when either grew by more than 20 %', () => {
    expect([memoryHeld(report(100, 121, 30, 30)), memoryHeld(report(100, 100, 30, 36.5))]).toEqual([false, false])
  })

  it('cannot tell without both readings', () => {
    expect(memoryHeld({ ...report(100, 100, 30, 30), end: undefined })).toBe(undefined)
  })

  it('prints totals, a row per kind with 429s apart from errors, and the memory verdict', () => {
    expect(formatMixedLoad(report(100, 110, 30, 31)).split('\n')).toEqual([
      'Mixed load: 60 s at 100 requests/s — 5100 requests, 1 errors',
      '',
      '| kind | share | requests | errors | 429 | p50 ms | p99 ms |',
      '|---|---|---|---|---|---|---|',
      '| tiles | 80 % | 4800 | 0 | 0 | 2.0 | 9.0 |',
      '| submissions | 5 % | 300 | 1 | 2 | 40.0 | 120.0 |',
      '',
      'Server memory after warm-up: RSS 100.0 MiB, heap 30.0 MiB',
      'Server memory at the end:    RSS 110.0 MiB, heap 31.0 MiB',
      'End within 20 % of after warm-up: yes',
    ])
  })
})
