/** The open-data catalogue: every layer's data passport (`/data`) and how to use the data from other tools (`/data/use`). */
export { DataPage } from './DataPage.tsx'
export { DataUsePage } from './DataUsePage.tsx'
