-- Data passports (CMU Resolution No 835 of 21 October 2015): what the open-data register asks
-- of every dataset and the catalogue did not yet keep. The title, description, licence,
-- attribution, source, owner organisation, last update, feature count and extent are already
-- columns of `layers`; these add how often the data changes, the law it is published under and
-- who answers for it (a position in the organisation, never a person's name).

ALTER TABLE layers
  -- A code of the EU frequency vocabulary (publications.europa.eu/resource/authority/frequency).
  ADD COLUMN update_frequency text NOT NULL DEFAULT 'irregular'
    CHECK (update_frequency IN ('continuous', 'daily', 'weekly', 'monthly', 'quarterly', 'annual', 'irregular', 'never')),
  -- {uk, en}; null takes the city's default (CMU Resolution No 835 and the layer's decision, if any).
  ADD COLUMN legal_basis jsonb CHECK (legal_basis IS NULL OR (legal_basis ? 'uk' AND legal_basis ? 'en')),
  -- {uk, en}: the responsible person's position; null takes the default position.
  ADD COLUMN responsible_role jsonb CHECK (responsible_role IS NULL OR (responsible_role ? 'uk' AND responsible_role ? 'en'));

COMMENT ON COLUMN layers.update_frequency IS 'How often the data changes, a code of the EU frequency vocabulary.';
COMMENT ON COLUMN layers.legal_basis IS 'The law or decision the data is published under, {uk, en}; null for the default.';
COMMENT ON COLUMN layers.responsible_role IS 'The position that answers for the data, {uk, en}, never a person''s name; null for the default.';
