-- The audit trail is append-only: refuse UPDATE and DELETE at the database, not only in the code.
CREATE FUNCTION samvad_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION samvad_audit_append_only();
--> statement-breakpoint
-- The version row every push bumps (a row, not a sequence: its lock orders commits).
INSERT INTO sync_state (id, version) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
