DROP INDEX "items_comment_at_idx";--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "clock_start_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "first_reply_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "final_reply_at" timestamp with time zone;--> statement-breakpoint
-- The stored rows get the columns every write now copies (server/services/sync.ts clockColumns): the clock's
-- start, and the first reply proven posted (seen or marked with its link), of any stage and of the final,
-- at the site's time, else when recorded.
UPDATE "items" SET
  "clock_start_at" = COALESCE(("triage"->'due'->>'clockStart')::timestamptz, "comment_at"),
  "first_reply_at" = (SELECT COALESCE(r->>'postedAt', r->>'at')::timestamptz
    FROM jsonb_path_query_first("triage"->'replies', '$[*] ? (@.source == "seen" || @.source == "manual")') r),
  "final_reply_at" = (SELECT COALESCE(r->>'postedAt', r->>'at')::timestamptz
    FROM jsonb_path_query_first("triage"->'replies', '$[*] ? ((@.source == "seen" || @.source == "manual") && @.stage == "final")') r);--> statement-breakpoint
CREATE INDEX "items_report_idx" ON "items" USING btree ("comment_at","key","department_id","status","interim_due_at","final_due_at","clock_start_at","first_reply_at","final_reply_at") WHERE "items"."work" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "items_parent_idx" ON "items" USING btree (("triage"->'item'->'parent'->>'id'));--> statement-breakpoint
CREATE INDEX "items_annotated_idx" ON "items" USING btree ("comment_at") WHERE "items"."work" IS NOT NULL AND ("items"."triage"->'flags' <> '[]' OR "items"."triage"->'overrides' <> '[]' OR "items"."triage"->'approvals' <> '[]');