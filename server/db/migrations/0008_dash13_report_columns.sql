DROP INDEX "items_comment_at_idx";--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "clock_start_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "first_reply_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "final_reply_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "flags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
-- The stored rows get the columns every write now copies (server/services/sync.ts clockColumns): the clock's
-- start, the first reply proven posted (seen or marked with its link), of any stage and of the final, at
-- the site's time, else when recorded; and the flags.
UPDATE "items" SET
  "clock_start_at" = COALESCE(("triage"->'due'->>'clockStart')::timestamptz, "comment_at"),
  "first_reply_at" = (SELECT COALESCE(r->>'postedAt', r->>'at')::timestamptz
    FROM jsonb_path_query_first("triage"->'replies', '$[*] ? (@.source == "seen" || @.source == "manual")') r),
  "final_reply_at" = (SELECT COALESCE(r->>'postedAt', r->>'at')::timestamptz
    FROM jsonb_path_query_first("triage"->'replies', '$[*] ? ((@.source == "seen" || @.source == "manual") && @.stage == "final")') r),
  "flags" = ARRAY(SELECT jsonb_array_elements_text(COALESCE("triage"->'flags', '[]'::jsonb)));--> statement-breakpoint
CREATE INDEX "items_report_idx" ON "items" USING btree ("comment_at","key","department_id","status","interim_due_at","final_due_at","clock_start_at","first_reply_at","final_reply_at","flags") WHERE "items"."work" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "items_parent_idx" ON "items" USING btree (("triage"->'item'->'parent'->>'id'));--> statement-breakpoint
CREATE INDEX "items_decided_idx" ON "items" USING btree ("comment_at") WHERE "items"."work" IS NOT NULL AND ("items"."triage"->'overrides' <> '[]' OR "items"."triage"->'approvals' <> '[]');