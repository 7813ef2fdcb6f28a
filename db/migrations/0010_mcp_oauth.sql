CREATE TABLE "mcp_oauth_models" (
	"model" text NOT NULL,
	"id_hash" text NOT NULL,
	"payload" jsonb NOT NULL,
	"grant_id" text,
	"uid" text,
	"expires_at" timestamp with time zone,
	"consumed_at" timestamp with time zone,
	CONSTRAINT "mcp_oauth_models_model_id_hash_pk" PRIMARY KEY("model","id_hash")
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "mcp_grant_id" text;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "mcp_client_host" text;--> statement-breakpoint
CREATE INDEX "mcp_oauth_models_grant_idx" ON "mcp_oauth_models" USING btree ("grant_id");--> statement-breakpoint
CREATE INDEX "mcp_oauth_models_uid_idx" ON "mcp_oauth_models" USING btree ("uid");--> statement-breakpoint
CREATE INDEX "mcp_oauth_models_expires_idx" ON "mcp_oauth_models" USING btree ("expires_at");--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_mcp_grant_id_unique" UNIQUE("mcp_grant_id");