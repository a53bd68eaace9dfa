import { describe, expect, it } from 'vitest'
import { parsePaperBallots } from './paper-ballots.ts'

describe('paper ballots typed from a protocol', () => {
  it('are one ballot a line, the numbers separated by commas, semicolons or spaces, blank lines left out', () => {
    expect(parsePaperBallots('12, 14\n\n 15;16  17\n12')).toEqual({ ballots: [{ proposals: ['12', '14'] }, { proposals: ['15', '16', '17'] }, { proposals: ['12'] }] })
    expect(parsePaperBallots('')).toEqual({ ballots: [] })
  })

  it('name the first line that is not proposal numbers', () => {
    expect(parsePaperBallots('12\n14, abc\n15')).toEqual({ badLine: 2 })
    expect(parsePaperBallots('0')).toEqual({ badLine: 1 })
    expect(parsePaperBallots('1.5')).toEqual({ badLine: 1 })
  })
})
