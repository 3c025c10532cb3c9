-- Mutation ids are scoped to their user (the primary key was the id alone, named by PostgreSQL's default).
ALTER TABLE "mutations" DROP CONSTRAINT "mutations_pkey";--> statement-breakpoint
ALTER TABLE "mutations" ADD CONSTRAINT "mutations_user_id_id_pk" PRIMARY KEY("user_id","id");--> statement-breakpoint
CREATE INDEX "mutations_id_idx" ON "mutations" USING btree ("id");
