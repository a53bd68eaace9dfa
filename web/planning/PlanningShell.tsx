import '../css/planning.css'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { SignedInUser } from '../api-client/index.ts'
import { OfficeShell } from '../office/shared/index.ts'
import type { Language } from '../url-state/index.ts'

/** Whether the user may upload files and manage layers. */
function managesLayers(user: Pick<SignedInUser, 'permissions'>): boolean {
  return user.permissions.includes('layers:manage')
}

/**
 * The frame of the planner's cabinet: the back office's header and menu, a sign-in prompt for a
 * visitor, and "not allowed" for an account without the `layers:manage` permission.
 */
export function PlanningShell({ children }: { children(user: SignedInUser, language: Language): ReactNode }) {
  const { t } = useTranslation()
  return (
    <OfficeShell>
      {(user, language) =>
        managesLayers(user) ? (
          <div className="planning">{children(user, language)}</div>
        ) : (
          <>
            <h1>{t('planning.cabinet.title')}</h1>
            <p>{t('planning.cabinet.notAllowed')}</p>
          </>
        )
      }
    </OfficeShell>
  )
}
