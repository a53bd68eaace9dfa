/** The demo installation: published demo accounts, demo deputies and about 3,000 synthetic appeals, all marked as such. */
export { DEMO_ACCOUNTS } from './demo-accounts.ts'
export { loadDemoData } from './demo-data.ts'
