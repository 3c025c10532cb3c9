ALTER TABLE "items" ADD COLUMN "status" text DEFAULT 'open' NOT NULL;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "work" text;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "comment_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "interim_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "final_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "away_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "items_open_due_idx" ON "items" USING btree ("status","final_due_at");--> statement-breakpoint
CREATE INDEX "items_comment_at_idx" ON "items" USING btree ("comment_at");--> statement-breakpoint
UPDATE "items" SET "comment_at" = ("triage"->'item'->>'createdAt')::timestamptz, "status" = COALESCE("triage"->>'status', 'open'), "work" = "triage"->>'work';
