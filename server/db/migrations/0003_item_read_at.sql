ALTER TABLE "items" ADD COLUMN "item_read_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
-- Existing rows: the last change is the best known time of their reading.
UPDATE "items" SET "item_read_at" = "updated_at";
