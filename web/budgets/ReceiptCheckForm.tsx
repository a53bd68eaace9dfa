import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ActionForm, useApiWrite } from '../office/shared/index.ts'
import { FieldText } from '../ui/index.ts'
import { checkReceipt } from './budget-api.ts'

type ReceiptAnswer = Awaited<ReturnType<typeof checkReceipt>>

/** Anyone with a receipt code checks that the ballot it names is counted, and as what. */
export function ReceiptCheckForm({ edition, titleOf }: { edition: number; titleOf(id: string): string }) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const [code, setCode] = useState('')
  const [answer, setAnswer] = useState<ReceiptAnswer>()
  const check = async () => {
    setAnswer(undefined)
    const result = await write.run(() => checkReceipt(edition, code))
    if (result) setAnswer(result)
  }
  return (
    <section aria-labelledby="receipt-heading" className="planning-card budget-receipt">
      <h2 id="receipt-heading">{t('budgets.receipt.heading')}</h2>
      <ActionForm write={write} submitLabel={t('budgets.receipt.check')} onSubmit={() => void check()}>
        <FieldText label={t('budgets.receipt.code')} value={code} onChange={setCode} autoComplete="off" spellCheck={false} error={write.fieldError('receipt')} />
      </ActionForm>
      <div role="status" className="budget-receipt__answer" data-counted={answer ? String(answer.counted) : ''}>
        {answer && (
          <>
            <p>
              {answer.counted
                ? t('budgets.receipt.counted', { source: t(`budgets.receipt.${answer.source ?? 'online'}`), proposals: answer.proposals.map(titleOf).join('; ') })
                : t('budgets.receipt.notCounted')}
            </p>
            <p className="field-hint budget-hash">{t('budgets.receipt.hash', { hash: answer.receipt_sha256 })}</p>
          </>
        )}
      </div>
    </section>
  )
}
