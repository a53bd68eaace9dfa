/**
 * The sections of the classification of the designated purposes of land (КВЦПЗ, CMU resolution
 * No 1051 of 2021): a purpose code `03.07` lies in section `03`. The names are i18n keys
 * `property.purposes.<section>`.
 */
export const PURPOSE_SECTIONS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16', '17', '18'] as const
export type PurposeSection = (typeof PURPOSE_SECTIONS)[number]
