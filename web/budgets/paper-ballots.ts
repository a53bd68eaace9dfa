/**
 * Paper ballots as the commission types them from a protocol: one ballot a line, the proposal
 * numbers on it separated by commas, semicolons or spaces; blank lines ignored.
 */
export function parsePaperBallots(text: string): { ballots: Array<{ proposals: string[] }> } | { badLine: number } {
  const ballots: Array<{ proposals: string[] }> = []
  for (const [index, line] of text.split('\n').entries()) {
    const words = line.split(/[\s,;]+/).filter((w) => w !== '')
    if (words.length === 0) continue
    if (!words.every((w) => /^[1-9][0-9]{0,15}$/.test(w))) return { badLine: index + 1 }
    ballots.push({ proposals: words })
  }
  return { ballots }
}
