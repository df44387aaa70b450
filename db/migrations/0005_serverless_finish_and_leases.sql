CREATE TABLE `leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `sweeps` ADD `landed` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sweeps` ADD `finish_claimed_at` integer;