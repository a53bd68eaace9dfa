import { readFileSync } from 'node:fs'

/** Busy and idle jiffies of one CPU, from /proc/stat. */
function cpuTimes(cpu: string): { busy: number; idle: number } | undefined {
  const line = readFileSync('/proc/stat', 'utf8').split('\n').find((l) => l.startsWith(`cpu${cpu} `))
  if (!line) return undefined
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number)
  return { busy: user! + nice! + system! + irq! + softirq! + steal!, idle: idle! + iowait! }
}

/**
 * How busy one CPU is while `work` runs (0–1), with what `work` returns; NaN where /proc/stat
 * does not say (not Linux, no such CPU).
 */
export async function measureCpu<T>(cpu: string, work: () => Promise<T> | T): Promise<{ result: T; busy: number }> {
  const before = cpuTimes(cpu)
  const result = await work()
  const after = cpuTimes(cpu)
  if (!before || !after) return { result, busy: Number.NaN }
  const busy = after.busy - before.busy
  const total = busy + after.idle - before.idle
  return { result, busy: total > 0 ? busy / total : Number.NaN }
}
