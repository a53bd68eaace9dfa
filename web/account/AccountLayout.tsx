import type { ReactNode } from 'react'
import { PageHeader } from '../ui/index.ts'
import { usePageLanguage } from '../hooks/index.ts'
import type { Language } from '../url-state/index.ts'
import '../css/account.css'

/** A path with the interface language kept (`?lang=` is omitted for Ukrainian). */
export function withLanguage(path: string, language: Language): string {
  if (language === 'uk') return path
  return `${path}${path.includes('?') ? '&' : '?'}lang=${language}`
}

/** The frame of an account page: the banner and a narrow main column; `children` get the language. */
export function AccountLayout({ children }: { children(language: Language): ReactNode }) {
  const { language, setLanguage } = usePageLanguage()
  return (
    <>
      <PageHeader language={language} mapHref={withLanguage('/', language)} onLanguageChange={setLanguage} />
      <main id="content" className="page account-page">
        {children(language)}
      </main>
    </>
  )
}

/** The message above a form's button for a refusal that no field explains; announced when it appears. */
export function FormFailure({ message }: { message: string | undefined }) {
  return (
    <p className="input-error" role="alert" hidden={message === undefined}>
      {message}
    </p>
  )
}
