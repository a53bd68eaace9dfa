import { describe, expect, it } from 'vitest'
import { objectLabel } from './object-label.ts'

describe('what a report about an object calls it', () => {
  it('is the attribute the layer labels its features with, when set', () => {
    expect(objectLabel({ title: 'Сквер', number: 7 }, 'number')).toBe('7')
  })

  it('is else its name, title or cadastral number, in that order', () => {
    expect(objectLabel({ name: null, title: 'Школа № 3', cadastral_number: '8000000000:62:003:0048' }, undefined)).toBe('Школа № 3')
    expect(objectLabel({ name: '', kind: 'land', cadastral_number: '8000000000:62:003:0048' }, undefined)).toBe('8000000000:62:003:0048')
  })

  it('names a street structure by its kind and permit number', () => {
    expect(objectLabel({ kind: 'Кіоск', permit_number: '3', address: 'вул. Київська, 147' }, undefined)).toBe('Кіоск № 3')
    expect(objectLabel({ permit_number: '3' }, undefined)).toBe('№ 3')
  })

  it('falls back to the address, the register id or the number, and to nothing', () => {
    expect(objectLabel({ kind: 'land', address: 'вул. Хрещатик, 1' }, undefined)).toBe('вул. Хрещатик, 1')
    expect(objectLabel({ register_id: '12345678-0042' }, undefined)).toBe('12345678-0042')
    expect(objectLabel({ kind: 'land' }, undefined)).toBeUndefined()
  })
})
