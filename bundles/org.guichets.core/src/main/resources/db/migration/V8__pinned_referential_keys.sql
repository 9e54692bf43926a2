-- A pinned referential's key may carry a content hash after its declared version (v1~3fa2c9d1e0b7).
ALTER TABLE candidature ALTER COLUMN referential_version SET DATA TYPE VARCHAR(48);
ALTER TABLE referential ALTER COLUMN referential_version SET DATA TYPE VARCHAR(48);
