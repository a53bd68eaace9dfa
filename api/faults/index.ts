/** Fault drills: a real server process to kill, restart and starve in tests. */
export { type ServerProcess, startServerProcess } from './server-process.ts'
