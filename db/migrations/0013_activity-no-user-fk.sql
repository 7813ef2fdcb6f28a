ALTER TABLE "audit_events" DROP CONSTRAINT "audit_events_user_id_users_id_fk";
