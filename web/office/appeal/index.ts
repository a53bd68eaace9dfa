/** The work page of an appeal: facts, notes, audit and the actions the user may take. */
export { AppealWorkspace } from './AppealWorkspace.tsx'
