CREATE TABLE `latest_runs` (
	`cluster_id` integer PRIMARY KEY NOT NULL,
	`run_id` integer NOT NULL,
	`sweep_id` text NOT NULL,
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
	`error_code` text,
	`error_message` text,
	`recent_ats` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `rollup_groups` (
	`period` integer NOT NULL,
	`grouping` integer NOT NULL,
	`bucket` integer NOT NULL,
	`key` text NOT NULL,
	`runs` integer NOT NULL,
	`n_pass` integer NOT NULL,
	`n_warn` integer NOT NULL,
	`n_fail` integer NOT NULL,
	`n_error` integer NOT NULL,
	`clusters_failing` integer NOT NULL,
	`rtt_sum` real NOT NULL,
	`rtt_n` integer NOT NULL,
	`ep_mean_sum` real NOT NULL,
	`ep_clusters` integer NOT NULL,
	PRIMARY KEY(`period`, `grouping`, `bucket`, `key`)
);
--> statement-breakpoint
INSERT INTO `latest_runs` (`cluster_id`, `run_id`, `sweep_id`, `at`, `status`, `duration_ms`, `n_pass`, `n_warn`, `n_fail`, `n_error`, `n_skip`, `layers`, `rtt_p95`, `ep_not_ready`, `cilium_version`, `error_code`, `error_message`, `recent_ats`)
SELECT c.`id`, r.`id`, r.`sweep_id`, r.`at`, r.`status`, r.`duration_ms`, r.`n_pass`, r.`n_warn`, r.`n_fail`, r.`n_error`, r.`n_skip`, r.`layers`, r.`rtt_p95`, r.`ep_not_ready`, r.`cilium_version`, r.`error_code`, r.`error_message`,
  coalesce((SELECT group_concat(x.`at`) FROM (SELECT r2.`at` FROM `cluster_runs` r2 WHERE r2.`cluster_id` = c.`id` ORDER BY r2.`at` DESC LIMIT 5) x), '')
FROM `clusters` c JOIN `cluster_runs` r ON r.`id` = c.`last_run_id`;
--> statement-breakpoint
INSERT INTO `rollup_groups` (`period`, `grouping`, `bucket`, `key`, `runs`, `n_pass`, `n_warn`, `n_fail`, `n_error`, `clusters_failing`, `rtt_sum`, `rtt_n`, `ep_mean_sum`, `ep_clusters`)
SELECT u.`period`, 0, u.`bucket`, 'fleet', sum(u.`runs`), sum(u.`n_pass`), sum(u.`n_warn`), sum(u.`n_fail`), sum(u.`n_error`),
  sum(u.`runs_failing` > 0), sum(u.`rtt_sum`), sum(u.`rtt_n`), coalesce(sum(CASE WHEN u.`ep_n` > 0 THEN u.`ep_sum` * 1.0 / u.`ep_n` END), 0), sum(u.`ep_n` > 0)
FROM `rollups` u WHERE u.`check_id` = 0 GROUP BY u.`period`, u.`bucket`, 'fleet';
--> statement-breakpoint
INSERT INTO `rollup_groups` (`period`, `grouping`, `bucket`, `key`, `runs`, `n_pass`, `n_warn`, `n_fail`, `n_error`, `clusters_failing`, `rtt_sum`, `rtt_n`, `ep_mean_sum`, `ep_clusters`)
SELECT u.`period`, 1, u.`bucket`, coalesce(c.`provider`, 'unknown'), sum(u.`runs`), sum(u.`n_pass`), sum(u.`n_warn`), sum(u.`n_fail`), sum(u.`n_error`),
  sum(u.`runs_failing` > 0), sum(u.`rtt_sum`), sum(u.`rtt_n`), coalesce(sum(CASE WHEN u.`ep_n` > 0 THEN u.`ep_sum` * 1.0 / u.`ep_n` END), 0), sum(u.`ep_n` > 0)
FROM `rollups` u JOIN `clusters` c ON c.`id` = u.`cluster_id` WHERE u.`check_id` = 0 GROUP BY u.`period`, u.`bucket`, coalesce(c.`provider`, 'unknown');
--> statement-breakpoint
INSERT INTO `rollup_groups` (`period`, `grouping`, `bucket`, `key`, `runs`, `n_pass`, `n_warn`, `n_fail`, `n_error`, `clusters_failing`, `rtt_sum`, `rtt_n`, `ep_mean_sum`, `ep_clusters`)
SELECT u.`period`, 2, u.`bucket`, coalesce(c.`region`, 'unknown'), sum(u.`runs`), sum(u.`n_pass`), sum(u.`n_warn`), sum(u.`n_fail`), sum(u.`n_error`),
  sum(u.`runs_failing` > 0), sum(u.`rtt_sum`), sum(u.`rtt_n`), coalesce(sum(CASE WHEN u.`ep_n` > 0 THEN u.`ep_sum` * 1.0 / u.`ep_n` END), 0), sum(u.`ep_n` > 0)
FROM `rollups` u JOIN `clusters` c ON c.`id` = u.`cluster_id` WHERE u.`check_id` = 0 GROUP BY u.`period`, u.`bucket`, coalesce(c.`region`, 'unknown');
--> statement-breakpoint
INSERT INTO `rollup_groups` (`period`, `grouping`, `bucket`, `key`, `runs`, `n_pass`, `n_warn`, `n_fail`, `n_error`, `clusters_failing`, `rtt_sum`, `rtt_n`, `ep_mean_sum`, `ep_clusters`)
SELECT u.`period`, 3, u.`bucket`, coalesce(c.`mesh_group`, 'none'), sum(u.`runs`), sum(u.`n_pass`), sum(u.`n_warn`), sum(u.`n_fail`), sum(u.`n_error`),
  sum(u.`runs_failing` > 0), sum(u.`rtt_sum`), sum(u.`rtt_n`), coalesce(sum(CASE WHEN u.`ep_n` > 0 THEN u.`ep_sum` * 1.0 / u.`ep_n` END), 0), sum(u.`ep_n` > 0)
FROM `rollups` u JOIN `clusters` c ON c.`id` = u.`cluster_id` WHERE u.`check_id` = 0 GROUP BY u.`period`, u.`bucket`, coalesce(c.`mesh_group`, 'none');
