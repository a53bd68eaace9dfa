-- A resident may add one photo to a comment, re-encoded without its metadata (EXIF, GPS) like an
-- appeal's, in the same photo store: the store's recovery counts these keys as committed too.
ALTER TABLE consultation_comments ADD COLUMN photo_key text UNIQUE;
