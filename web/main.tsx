import './zod-config.ts'
import './css/fonts.css'
import './css/app.css'
import './css/appeals.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './components/index.ts'
import { startI18n } from './i18n/index.ts'
import { registerServiceWorker, startOutbox } from './offline/index.ts'
import { parseMapUrl } from './url-state/index.ts'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')

registerServiceWorker()
startOutbox()

// Start in the URL's language so the first render is already in it.
void startI18n(parseMapUrl(window.location.search).lang ?? 'uk').then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
)
