-- What the scheme's checks found in each evidence file on upload (JSON list), shown beside it.
ALTER TABLE evidence_file ADD COLUMN check_results VARCHAR(20000);
