/** The back office: its home, the sections and the work page of an appeal. */
export { OfficeAppealPage } from './OfficeAppealPage.tsx'
export { OfficePage } from './OfficePage.tsx'
