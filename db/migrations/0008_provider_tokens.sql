ALTER TABLE "connect_sessions" ALTER COLUMN "user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "connections" ALTER COLUMN "user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "connect_sessions" ADD COLUMN "provider_token_request_id" text;--> statement-breakpoint
ALTER TABLE "provider_token_requests" ADD COLUMN "browser_binding_hash" text;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "verify_provider_email" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_end_user_id_end_users_id_fk" FOREIGN KEY ("end_user_id") REFERENCES "public"."end_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "connections_end_user_account_uq" ON "connections" USING btree ("end_user_id","provider","account_id");--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_one_owner" CHECK (("connections"."user_id" is null) <> ("connections"."end_user_id" is null));