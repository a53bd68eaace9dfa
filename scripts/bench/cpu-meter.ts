import { readFileSync } from 'node:fs'

/** /proc/stat as it reads now; undefined where there is none (not Linux). */
function readStat(): string | undefined {
  try {
    return readFileSync('/proc/stat', 'utf8')
  } catch {
    return undefined
  }
}

/** Jiffies of one CPU (`cpu` = "0", "1", …) or of all of them (`cpu` = ""), from a reading of /proc/stat. */
function cpuTimes(stat: string | undefined, cpu: string | undefined): { busy: number; steal: number; total: number } | undefined {
  const line = cpu === undefined ? undefined : stat?.split('\n').find((l) => l.startsWith(`cpu${cpu} `))
  if (!line) return undefined
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number)
  const busy = user! + nice! + system! + irq! + softirq!
  return { busy, steal: steal!, total: busy + idle! + iowait! + steal! }
}

/** What {@link measureCpu} saw while the work ran. */
export interface CpuShare<T> {
  result: T
  /** How busy the CPU was (0–1). */
  busy: number
  /**
   * The share of all CPUs' time the host gave to other guests while this one had work to run
   * (`steal`, 0–1): a turn with much of it measured the neighbours more than us.
   */
  stolen: number
}

/**
 * How busy one CPU is while `work` runs, and how much time the host took from this machine,
 * with what `work` returns; NaN where /proc/stat does not say (not Linux, no such CPU).
 */
export async function measureCpu<T>(cpu: string | undefined, work: () => Promise<T> | T): Promise<CpuShare<T>> {
  const before = readStat()
  const result = await work()
  const after = readStat()
  return { result, busy: share(cpuTimes(before, cpu), cpuTimes(after, cpu), 'busy'), stolen: share(cpuTimes(before, ''), cpuTimes(after, ''), 'steal') }
}

type Times = NonNullable<ReturnType<typeof cpuTimes>>

/** The share of the time between two readings that went to `part`. */
function share(before: Times | undefined, after: Times | undefined, part: 'busy' | 'steal'): number {
  if (!before || !after || after.total <= before.total) return Number.NaN
  return (after[part] - before[part]) / (after.total - before.total)
}

/** CPU time (user + system, all threads) a process has used so far, in seconds; NaN when /proc does not say. */
export function processCpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN
  try {
    // Fields after the command name: state is the first, utime the 12th and stime the 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS
  } catch {
    return Number.NaN
  }
}

/** USER_HZ, the unit of /proc times: 100 on every Linux architecture Node runs on. */
const CLOCK_TICKS = 100
