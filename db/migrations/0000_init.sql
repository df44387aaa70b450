CREATE TABLE `checks` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`layer` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checks_name_unique` ON `checks` (`name`);--> statement-breakpoint
CREATE TABLE `subjects` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subjects_name_unique` ON `subjects` (`name`);--> statement-breakpoint
CREATE TABLE `texts` (
	`id` integer PRIMARY KEY NOT NULL,
	`body` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `texts_body_unique` ON `texts` (`body`);--> statement-breakpoint
CREATE TABLE `clusters` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`provider` text,
	`region` text,
	`account` text,
	`labels` text DEFAULT '{}' NOT NULL,
	`mesh_group` text,
	`cilium_version` text,
	`cilium_cluster_id` integer,
	`first_seen` integer NOT NULL,
	`last_seen` integer NOT NULL,
	`last_run_id` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `clusters_name_unique` ON `clusters` (`name`);--> statement-breakpoint
CREATE INDEX `clusters_provider_idx` ON `clusters` (`provider`);--> statement-breakpoint
CREATE INDEX `clusters_region_idx` ON `clusters` (`region`);--> statement-breakpoint
CREATE TABLE `reports` (
	`week` text PRIMARY KEY NOT NULL,
	`generated_at` integer NOT NULL,
	`body` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `check_results` (
	`run_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`check_id` integer NOT NULL,
	`subject_id` integer NOT NULL,
	`status` integer NOT NULL,
	`message_id` integer,
	`hint_id` integer,
	`evidence_id` integer,
	`metrics` text,
	PRIMARY KEY(`run_id`, `seq`)
);
--> statement-breakpoint
CREATE TABLE `mesh_links` (
	`run_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`peer_id` integer NOT NULL,
	`configured` integer NOT NULL,
	`agents_reporting` integer NOT NULL,
	`agents_ready` integer NOT NULL,
	`agents_sampled` integer NOT NULL,
	`ready` integer NOT NULL,
	`num_nodes` integer,
	`num_endpoints` integer,
	`num_failures` integer,
	`last_failure` text,
	`message_id` integer,
	PRIMARY KEY(`run_id`, `seq`)
);
--> statement-breakpoint
CREATE TABLE `node_links` (
	`run_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`from_id` integer NOT NULL,
	`to_id` integer NOT NULL,
	`target` integer NOT NULL,
	`probe` integer NOT NULL,
	`ok` integer NOT NULL,
	`rtt_ms` real,
	`error_id` integer,
	PRIMARY KEY(`run_id`, `seq`)
);
--> statement-breakpoint
CREATE TABLE `status_changes` (
	`run_id` integer NOT NULL,
	`cluster_id` integer NOT NULL,
	`check_id` integer NOT NULL,
	`subject_id` integer NOT NULL,
	`at` integer NOT NULL,
	`from_status` integer NOT NULL,
	`to_status` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `changes_at_idx` ON `status_changes` (`at`);--> statement-breakpoint
CREATE INDEX `changes_run_idx` ON `status_changes` (`run_id`);--> statement-breakpoint
CREATE INDEX `changes_cluster_at_idx` ON `status_changes` (`cluster_id`,`at`);--> statement-breakpoint
CREATE TABLE `rollup_dirty` (
	`cluster_id` integer NOT NULL,
	`hour` integer NOT NULL,
	PRIMARY KEY(`cluster_id`, `hour`)
);
--> statement-breakpoint
CREATE TABLE `rollups` (
	`period` integer NOT NULL,
	`cluster_id` integer NOT NULL,
	`bucket` integer NOT NULL,
	`check_id` integer NOT NULL,
	`runs` integer NOT NULL,
	`n_pass` integer NOT NULL,
	`n_warn` integer NOT NULL,
	`n_fail` integer NOT NULL,
	`n_error` integer NOT NULL,
	`n_skip` integer NOT NULL,
	`runs_failing` integer NOT NULL,
	`rtt_sum` real NOT NULL,
	`rtt_n` integer NOT NULL,
	`ep_sum` real NOT NULL,
	`ep_n` integer NOT NULL,
	PRIMARY KEY(`period`, `cluster_id`, `bucket`, `check_id`)
);
--> statement-breakpoint
CREATE INDEX `rollups_period_bucket_idx` ON `rollups` (`period`,`bucket`,`check_id`);--> statement-breakpoint
CREATE TABLE `cluster_runs` (
	`id` integer PRIMARY KEY NOT NULL,
	`sweep_id` text NOT NULL,
	`cluster_id` integer NOT NULL,
	`at` integer NOT NULL,
	`status` integer NOT NULL,
	`duration_ms` integer NOT NULL,
	`n_pass` integer NOT NULL,
	`n_warn` integer NOT NULL,
	`n_fail` integer NOT NULL,
	`n_error` integer NOT NULL,
	`n_skip` integer NOT NULL,
	`layers` text NOT NULL,
	`rtt_p95` real,
	`ep_not_ready` integer,
	`cilium_version` text,
	`cilium_cluster_id` integer,
	`meta_id` integer,
	`config_id` integer,
	`error_code` text,
	`error_message` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `runs_sweep_cluster_uq` ON `cluster_runs` (`sweep_id`,`cluster_id`);--> statement-breakpoint
CREATE INDEX `runs_cluster_at_idx` ON `cluster_runs` (`cluster_id`,`at`);--> statement-breakpoint
CREATE INDEX `runs_at_idx` ON `cluster_runs` (`at`);--> statement-breakpoint
CREATE TABLE `mesh_pairs` (
	`sweep_id` text NOT NULL,
	`seq` integer NOT NULL,
	`a` text NOT NULL,
	`b` text NOT NULL,
	`at` integer NOT NULL,
	`status` integer NOT NULL,
	`a_sees_b` integer NOT NULL,
	`b_sees_a` integer NOT NULL,
	`message_id` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mesh_pairs_sweep_seq_uq` ON `mesh_pairs` (`sweep_id`,`seq`);--> statement-breakpoint
CREATE INDEX `mesh_pairs_pair_at_idx` ON `mesh_pairs` (`a`,`b`,`at`);--> statement-breakpoint
CREATE INDEX `mesh_pairs_at_idx` ON `mesh_pairs` (`at`);--> statement-breakpoint
CREATE TABLE `sweeps` (
	`id` text PRIMARY KEY NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`status` integer,
	`trigger` text,
	`planned` text
);
--> statement-breakpoint
CREATE INDEX `sweeps_started_idx` ON `sweeps` (`started_at`);