/** The administrator's section: users, organisations, categories, routing rules and deputies. */
export { AdminSection } from './AdminSection.tsx'
